using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Data.StatusPages;

namespace Dashboard.StatusPages;

/// <summary>
/// The page in the shape of Atlassian Statuspage's public v2 API (summary.json, status.json,
/// components.json, incidents.json, incidents/unresolved.json, scheduled-maintenances.json): the same
/// field names and value words, so existing clients and widgets read it unchanged. Groups are
/// components with <c>group: true</c> listing their children, as Statuspage sends them.
/// </summary>
public static class StatusV2Json
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never, WriteIndented = false,
    };

    public static byte[] Summary(PageSnapshot s, string url) => Write(new V2Summary(PageOf(s, url), Components(s), [.. s.Unresolved.Select(i => Incident(s, i, url))],
        [.. s.OpenMaintenances.Select(m => Maintenance(s, m, url))], new V2Status(s.Indicator, s.Description)));

    public static byte[] Status(PageSnapshot s, string url) => Write(new V2StatusDocument(PageOf(s, url), new V2Status(s.Indicator, s.Description)));

    public static byte[] ComponentsDocument(PageSnapshot s, string url) => Write(new V2Components(PageOf(s, url), Components(s)));

    public static byte[] Incidents(PageSnapshot s, string url, bool unresolvedOnly) =>
        Write(new V2Incidents(PageOf(s, url), [.. (unresolvedOnly ? s.Unresolved : s.Incidents).Select(i => Incident(s, i, url))]));

    public enum MaintenanceList { All, Upcoming, Active }

    /// <summary>The 50 most recent maintenances; upcoming: still scheduled; active: in progress or verifying.</summary>
    public static byte[] Maintenances(PageSnapshot s, string url, MaintenanceList list = MaintenanceList.All) => Write(new V2Maintenances(PageOf(s, url), [.. s.Maintenances
        .Where(m => list == MaintenanceList.All || (list == MaintenanceList.Upcoming ? m.State == MaintenanceState.Scheduled : m.State is MaintenanceState.InProgress or MaintenanceState.Verifying))
        .OrderByDescending(m => m.ScheduledFor).Take(50).Select(m => Maintenance(s, m, url))]));

    private static V2Maintenance Maintenance(PageSnapshot s, PublicMaintenance m, string url)
    {
        var components = m.Components.Select(a => s.Components.First(c => c.Id == a.ComponentId))
            .Select(c => new V2Component(c.Id, c.Name, c.Status, s.BuiltAt, c.UpdatedAt, c.Position + 1, null, true, null, null, s.Page.Key, false, false, null)).ToList();
        var update = new V2IncidentUpdate($"{m.Id}-{m.Status}", m.Status, m.Body, m.Id, m.UpdatedAt, m.UpdatedAt, m.UpdatedAt,
            [.. m.Components.Select(a => new V2AffectedComponent(a.ComponentId, a.Name, "operational",
                m.State is MaintenanceState.InProgress or MaintenanceState.Verifying ? "under_maintenance" : "operational"))], true, null, null);
        return new V2Maintenance(m.Id, m.Name, m.Status, m.CreatedAt, m.UpdatedAt, null, m.State == MaintenanceState.Completed ? m.UpdatedAt : null, "maintenance",
            $"{url}#{m.Id}", m.ScheduledFor, s.Page.Key, [update], components, m.ScheduledFor, m.ScheduledUntil);
    }

    private static byte[] Write<T>(T document) => JsonSerializer.SerializeToUtf8Bytes(document, Options);

    private static V2Page PageOf(PageSnapshot s, string url) => new(s.Page.Key, s.Page.Name, url, "Etc/UTC", s.BuiltAt);

    private static List<V2Component> Components(PageSnapshot s)
    {
        var list = new List<V2Component>();
        var position = 1;
        foreach (var group in s.Groups)
        {
            var children = group.ToList();
            var groupId = "g" + children[0].Id[1..];
            list.Add(new V2Component(groupId, group.Key, Worst(children.Select(c => c.Status)), s.BuiltAt, children.Max(c => c.UpdatedAt), position++, null, false, null, null,
                s.Page.Key, true, false, [.. children.Select(c => c.Id)]));
            foreach (var c in children)
                list.Add(new V2Component(c.Id, c.Name, c.Status, s.BuiltAt, c.UpdatedAt, position++, null, true, null, groupId, s.Page.Key, false, false, null));
        }
        return list;
    }

    private static V2Incident Incident(PageSnapshot s, PublicIncident i, string url)
    {
        var byId = s.Components.ToDictionary(c => c.Id);
        var updates = new List<V2IncidentUpdate>();
        // Oldest first to know each update's "old_status" per component; sent newest first, as Statuspage does.
        var last = new Dictionary<string, string>();
        foreach (var u in i.Updates.Reverse())
        {
            var affected = u.Affected.Select(a => new V2AffectedComponent(a.ComponentId, a.Name, last.GetValueOrDefault(a.ComponentId, "operational"),
                u.State == PublicState.Resolved ? "operational" : a.Status)).ToList();
            foreach (var a in affected) last[a.Code] = a.NewStatus;
            updates.Insert(0, new V2IncidentUpdate(u.Id, StatusPageRules.Word(u.State), u.Body, i.Id, u.PublishedAt, u.UpdatedAt, u.PublishedAt, affected, true, null, null));
        }
        var components = i.Components.Where(c => byId.ContainsKey(c.ComponentId)).Select(c => byId[c.ComponentId])
            .Select(c => new V2Component(c.Id, c.Name, c.Status, s.BuiltAt, c.UpdatedAt, c.Position + 1, null, true, null, null, s.Page.Key, false, false, null)).ToList();
        return new V2Incident(i.Id, i.Name, StatusPageRules.Word(i.State), i.CreatedAt, i.UpdatedAt, i.MonitoringAt, i.ResolvedAt, i.Impact,
            $"{url}#{i.Id}", i.CreatedAt, s.Page.Key, updates, components,
            i.Postmortem?.Body, i.Postmortem?.PublishedAt, i.Postmortem is { } pm ? pm.UpdatedAt ?? pm.PublishedAt : null);
    }

    private static string Worst(IEnumerable<string> statuses) =>
        statuses.MaxBy(x => x switch { "major_outage" => 4, "partial_outage" => 3, "degraded_performance" => 2, "under_maintenance" => 1, _ => 0 }) ?? "operational";
}

public sealed record V2Page(string Id, string Name, string Url, string TimeZone, DateTime UpdatedAt);
public sealed record V2Status(string Indicator, string Description);
public sealed record V2Component(string Id, string Name, string Status, DateTime CreatedAt, DateTime UpdatedAt, int Position, string? Description, bool Showcase,
    string? StartDate, string? GroupId, string PageId, bool Group, bool OnlyShowIfDegraded,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Components);
public sealed record V2AffectedComponent(string Code, string Name, string OldStatus, string NewStatus);
public sealed record V2IncidentUpdate(string Id, string Status, string Body, string IncidentId, DateTime CreatedAt, DateTime UpdatedAt, DateTime DisplayAt,
    IReadOnlyList<V2AffectedComponent> AffectedComponents, bool DeliverNotifications, string? CustomTweet, string? TweetId);
public sealed record V2Incident(string Id, string Name, string Status, DateTime CreatedAt, DateTime UpdatedAt, DateTime? MonitoringAt, DateTime? ResolvedAt,
    string Impact, string Shortlink, DateTime StartedAt, string PageId, IReadOnlyList<V2IncidentUpdate> IncidentUpdates, IReadOnlyList<V2Component> Components,
    string? PostmortemBody, DateTime? PostmortemPublishedAt, DateTime? PostmortemBodyLastUpdatedAt);
public sealed record V2Maintenance(string Id, string Name, string Status, DateTime CreatedAt, DateTime UpdatedAt, DateTime? MonitoringAt, DateTime? ResolvedAt,
    string Impact, string Shortlink, DateTime StartedAt, string PageId, IReadOnlyList<V2IncidentUpdate> IncidentUpdates, IReadOnlyList<V2Component> Components,
    DateTime ScheduledFor, DateTime ScheduledUntil);
public sealed record V2Summary(V2Page Page, IReadOnlyList<V2Component> Components, IReadOnlyList<V2Incident> Incidents,
    IReadOnlyList<V2Maintenance> ScheduledMaintenances, V2Status Status);
public sealed record V2StatusDocument(V2Page Page, V2Status Status);
public sealed record V2Components(V2Page Page, IReadOnlyList<V2Component> Components);
public sealed record V2Incidents(V2Page Page, IReadOnlyList<V2Incident> Incidents);
public sealed record V2Maintenances(V2Page Page, IReadOnlyList<V2Maintenance> ScheduledMaintenances);
