using System.Globalization;
using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Dashboard.Data.Timeline;

namespace Dashboard.Data.Alerts;

/// <summary>
/// One Alertmanager notification, in one pass through the door as the calling actor: a firing
/// group declares an incident or adds to the open one it already feeds; each alert adds a detection
/// event, each resolved alert a recovery event, and a re-sent notification adds nothing (events are
/// keyed by fingerprint, start and state). Phase times are only filled where empty: a person's
/// entry wins, and a person still resolves the incident.
/// </summary>
public sealed class AlertIngest(WriteDoor door, IOptions<AlertOptions> options)
{
    private const string Subject = "alert notification";
    private const string ReferencePrefix = "alertmanager:";

    public Task<CommandResult> ReceiveAsync(Actor actor, AlertmanagerNotification n, CancellationToken ct = default)
    {
        var problems = Validate(n);
        return door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            if (problems.Count > 0) return w.Invalid(problems);
            var o = options.Value;
            var groupKey = n.GroupKey!;
            var incident = await w.Db.AlertGroups.Where(g => g.GroupKey == groupKey
                    && g.Incident!.Status != IncidentStatus.Resolved && g.Incident.Status != IncidentStatus.Closed)
                .OrderByDescending(g => g.Id).Select(g => g.Incident!).FirstOrDefaultAsync(ct);
            var firing = n.Alerts.Where(a => a.Status == "firing").ToList();
            if (incident is null && firing.Count == 0) return CommandResult.Ok(Subject); // resolved after a person closed it: nothing to add
            var created = incident is null;
            incident ??= await DeclareAsync(w, n, firing, o, ct);

            var references = n.Alerts.Select(a => Reference(a)).ToList();
            var present = await w.Db.TimelineEvents.Where(e => e.IncidentId == incident.Id && e.SourceReference != null && references.Contains(e.SourceReference))
                .Select(e => e.SourceReference!).ToListAsync(ct);
            var services = await ServicesAsync(w, n, o, ct);
            var existing = created ? 0 : await w.Db.TimelineEvents.CountAsync(e => e.IncidentId == incident.Id, ct);
            var added = new List<TimelineEvent>();
            foreach (var alert in n.Alerts)
            {
                var reference = Reference(alert);
                if (present.Contains(reference) || added.Any(e => e.SourceReference == reference)) continue;
                if (existing + added.Count >= Limits.EventsPerIncident) break;
                var resolved = alert.Status == "resolved";
                var e = new TimelineEvent
                {
                    IncidentId = incident.Id,
                    OccurredAt = Utc(resolved ? alert.EndsAt : alert.StartsAt), Kind = resolved ? EventKind.Recovery : EventKind.Detection,
                    Text = Clip(Describe(alert, resolved), Limits.EventTextLength), Author = w.Actor.DisplayName, Source = EventSource.Api,
                    SourceReference = reference, ServiceId = alert.Labels.TryGetValue(o.ServiceLabel, out var key) && services.TryGetValue(key, out var sid) ? sid : null,
                    Version = Guid.NewGuid(),
                };
                added.Add(e);
                incident.Events.Add(e); // through the incident: a new one has no id until it is saved
                w.Audit(AuditActions.TimelineEventCreated, e);
            }

            var before = (incident.DetectedAt, incident.MitigatedAt);
            if (firing.Count > 0) incident.DetectedAt ??= Utc(firing.Min(a => a.StartsAt));
            if (n.Status == "resolved" && n.Alerts.All(a => a.Status == "resolved"))
                incident.MitigatedAt ??= Max(Utc(n.Alerts.Max(a => a.EndsAt)), incident.DetectedAt);
            if (!created && before != (incident.DetectedAt, incident.MitigatedAt))
            {
                w.Expect(incident, incident.Version);
                incident.UpdatedAt = w.Now;
                w.Audit(AuditActions.IncidentUpdated, incident);
            }
            if (!created && added.Count == 0 && before == (incident.DetectedAt, incident.MitigatedAt))
                return CommandResult.Ok(Subject, incident.Id, key: incident.Slug); // a re-sent notification
            w.Publish(created ? AuditActions.IncidentCreated : AuditActions.TimelineEventCreated, IncidentCommands.Scopes(incident.Id));
            return w.Done(incident) with { Count = added.Count };
        }, ct);
    }

    private static async Task<Incident> DeclareAsync(Write w, AlertmanagerNotification n, List<AlertmanagerAlert> firing, AlertOptions o, CancellationToken ct)
    {
        var started = Utc(firing.Min(a => a.StartsAt));
        var title = Clip(TitleOf(n), Limits.TitleLength);
        var organisation = n.CommonLabels.GetValueOrDefault(o.OrganisationLabel) is { Length: > 0 } team ? team : o.Organisation;
        var incident = new Incident
        {
            Slug = await IncidentCommands.UniqueSlugAsync(w.Db, Slugs.FromTitle(title, started), ct),
            Title = title, Organisation = Clip(organisation, Limits.NameLength),
            Summary = Clip(n.CommonAnnotations.GetValueOrDefault("description") ?? $"Declared by Alertmanager ({n.Receiver}) for the alert group {n.GroupKey}.", Limits.MarkdownLength),
            Severity = o.SeverityOf(firing.Select(a => (IReadOnlyDictionary<string, string>)a.Labels).Append(n.CommonLabels)),
            Status = IncidentStatus.Investigating, StartedAt = started, DetectedAt = started,
            Tags = "alertmanager", CreatedAt = w.Now, UpdatedAt = w.Now, PostmortemStatus = PostmortemStatus.Draft, Version = Guid.NewGuid(),
        };
        w.Db.Incidents.Add(incident);
        w.Db.AlertGroups.Add(new AlertGroup { GroupKey = n.GroupKey!, Incident = incident, CreatedAt = w.Now });
        w.Audit(AuditActions.IncidentCreated, incident);
        return incident;
    }

    /// <summary>Catalog services named by the alerts' service label, by key.</summary>
    private static async Task<Dictionary<string, int>> ServicesAsync(Write w, AlertmanagerNotification n, AlertOptions o, CancellationToken ct)
    {
        var keys = n.Alerts.Select(a => a.Labels.GetValueOrDefault(o.ServiceLabel)).Where(k => !string.IsNullOrEmpty(k)).Distinct().ToList();
        if (keys.Count == 0) return [];
        return await w.Db.Services.Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, s => s.Id, ct);
    }

    /// <summary>The summary annotation the group shares, else its alert name and the labels it was grouped by.</summary>
    public static string TitleOf(AlertmanagerNotification n)
    {
        if (n.CommonAnnotations.GetValueOrDefault("summary") is { Length: > 0 } summary) return summary;
        var name = n.CommonLabels.GetValueOrDefault("alertname") ?? n.GroupLabels.GetValueOrDefault("alertname") ?? "Alert";
        var rest = n.GroupLabels.Where(l => l.Key != "alertname").Select(l => $"{l.Key}={l.Value}").ToList();
        return rest.Count == 0 ? name : $"{name} ({string.Join(", ", rest)})";
    }

    private static string Describe(AlertmanagerAlert a, bool resolved)
    {
        var name = a.Labels.GetValueOrDefault("alertname") ?? "Alert";
        var summary = a.Annotations.GetValueOrDefault("summary") ?? a.Annotations.GetValueOrDefault("description");
        var labels = string.Join(", ", a.Labels.Where(l => l.Key != "alertname").OrderBy(l => l.Key).Select(l => $"{l.Key}={l.Value}"));
        return $"{name} {(resolved ? "resolved" : "firing")}{(summary is null ? "" : $": {summary}")}{(labels.Length == 0 ? "" : $" [{labels}]")}";
    }

    /// <summary>Fingerprint, start and state: Alertmanager repeats a notification with the same three, and a re-fire has a new start.</summary>
    private static string Reference(AlertmanagerAlert a) =>
        $"{ReferencePrefix}{a.Fingerprint}:{Utc(a.StartsAt).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)}:{a.Status}";

    private static List<string> Validate(AlertmanagerNotification n)
    {
        var problems = new List<string>();
        if (n.Version != "4") problems.Add($"Only Alertmanager's webhook payload version 4 is accepted; this one says {n.Version ?? "nothing"}.");
        if (string.IsNullOrWhiteSpace(n.GroupKey)) problems.Add("groupKey is missing.");
        else if (n.GroupKey.Length > AlertLimits.GroupKeyLength) problems.Add($"groupKey is longer than {AlertLimits.GroupKeyLength} characters.");
        if (n.Status is not ("firing" or "resolved")) problems.Add("status must be firing or resolved.");
        if (n.Alerts.Count == 0) problems.Add("alerts is empty.");
        if (n.Alerts.Count > AlertLimits.AlertsPerNotification) problems.Add($"{n.Alerts.Count} alerts in one notification; the limit is {AlertLimits.AlertsPerNotification} (set max_alerts in the receiver).");
        for (var i = 0; i < n.Alerts.Count && problems.Count < 20; i++)
        {
            var a = n.Alerts[i];
            if (string.IsNullOrWhiteSpace(a.Fingerprint) || a.Fingerprint.Length > 64) problems.Add($"alerts[{i}]: fingerprint is missing or too long.");
            if (a.Status is not ("firing" or "resolved")) problems.Add($"alerts[{i}]: status must be firing or resolved.");
            if (a.StartsAt.Year < 2000) problems.Add($"alerts[{i}]: startsAt is missing.");
            if (a.Status == "resolved" && a.EndsAt.Year < 2000) problems.Add($"alerts[{i}]: a resolved alert needs endsAt.");
        }
        return problems;
    }

    private static DateTime Utc(DateTime t) => t.Kind == DateTimeKind.Utc ? t : t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : DateTime.SpecifyKind(t, DateTimeKind.Utc);

    private static DateTime Max(DateTime a, DateTime? b) => b is { } x && x > a ? x : a;

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
