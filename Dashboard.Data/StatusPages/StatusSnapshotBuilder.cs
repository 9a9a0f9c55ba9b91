using Dashboard.Data.Budgets;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.StatusPages;

/// <summary>
/// Builds every page's <see cref="PageSnapshot"/> in one pass over the database. What a page shows of
/// an incident comes only from the status updates published to that page: an incident never published
/// there leaves no trace (not its title, its timeline, its people or its services' keys). Uptime bars
/// use the impact windows of the incidents published there, weighted by level as the error budgets are
/// (<see cref="ErrorBudget.ChargedMinutes"/>).
/// </summary>
public static class StatusSnapshotBuilder
{
    private sealed record ComponentRow(int Id, int PageId, int ServiceId, string Name, string Group, int Position, Slo Slo);
    private sealed record UpdateRow(int Id, int IncidentId, string Title, PublicState State, string Body, DateTime PublishedAt, DateTime? CorrectedAt,
        List<(int ServiceId, ImpactLevel Level)> Components);
    private sealed record WindowRow(int IncidentId, int ServiceId, ImpactLevel Level, DateTime Start, DateTime? End);
    private sealed record MaintenanceRow(int Id, int PageId, string Title, string Body, DateTime From, DateTime Until, int VerifyMinutes, DateTime CreatedAt, List<int> Services);

    /// <summary>
    /// All pages, as of <paramref name="now"/>. <paramref name="preview"/> treats one more update as
    /// published to those pages (the publish dialog's preview), without writing anything.
    /// </summary>
    public static async Task<Dictionary<string, PageSnapshot>> BuildAsync(IncidentBoardDbContext db, DateTime now,
        (int UpdateId, IReadOnlyCollection<int> PageIds)? preview = null, CancellationToken ct = default)
    {
        var pages = await db.StatusPages.AsNoTracking().Select(p => new
        {
            p.Id, p.Key, p.Name, p.Audience, p.Roles, p.Groups, p.LogoUrl, p.Description, p.EmbedOrigins, p.ImpactDrivesColour, p.UpdatedAt,
        }).ToListAsync(ct);
        var components = (await db.StatusPageComponents.AsNoTracking().Select(c => new
        {
            c.Id, c.StatusPageId, c.ServiceId, c.DisplayName, c.Service!.Group, c.Position,
            c.Service.SloTarget, c.Service.SloWindow, c.Service.WeightMajorOutage, c.Service.WeightPartialOutage, c.Service.WeightDegraded,
        }).ToListAsync(ct)).Select(c => new ComponentRow(c.Id, c.StatusPageId, c.ServiceId, c.DisplayName, c.Group, c.Position,
            new Slo(c.SloTarget ?? 0.999, c.SloWindow, c.WeightMajorOutage, c.WeightPartialOutage, c.WeightDegraded))).ToList();

        var publications = await db.StatusUpdatePages.AsNoTracking().Select(p => new { p.StatusPageId, p.StatusUpdateId }).ToListAsync(ct);
        var onPages = publications.Select(p => (PageId: p.StatusPageId, UpdateId: p.StatusUpdateId)).ToList();
        if (preview is { } extra) onPages.AddRange(extra.PageIds.Select(p => (p, extra.UpdateId)));
        var updateIds = onPages.Select(p => p.UpdateId).Distinct().ToList();
        var updates = (await db.StatusUpdates.AsNoTracking().Where(u => updateIds.Contains(u.Id)).Select(u => new
        {
            u.Id, u.IncidentId, u.Title, u.State, u.Body, u.PublishedAt, u.CorrectedAt,
            Components = u.Components.Select(c => new { c.ServiceId, c.Level }).ToList(),
        }).ToListAsync(ct)).Select(u => new UpdateRow(u.Id, u.IncidentId, u.Title, u.State, u.Body, u.PublishedAt ?? now, u.CorrectedAt,
            [.. u.Components.Select(c => (c.ServiceId, c.Level))])).ToDictionary(u => u.Id);

        var incidentIds = updates.Values.Select(u => u.IncidentId).Distinct().ToList();
        // Only the published text: the draft and the internal postmortem are not even read.
        var postmortems = (await db.StatusPostmortems.AsNoTracking().Where(p => incidentIds.Contains(p.IncidentId) && p.PublishedAt != null)
            .Select(p => new { p.IncidentId, p.Body, p.PublishedAt, p.UpdatedAt }).ToListAsync(ct))
            .ToDictionary(p => p.IncidentId, p => new PublicPostmortem(p.Body!, p.PublishedAt!.Value, p.UpdatedAt));
        var serviceIds = components.Select(c => c.ServiceId).Distinct().ToList();
        var windows = await db.ServiceImpacts.AsNoTracking().Where(w => incidentIds.Contains(w.IncidentId) && serviceIds.Contains(w.ServiceId))
            .Select(w => new WindowRow(w.IncidentId, w.ServiceId, w.Level, w.StartedAt, w.EndedAt)).ToListAsync(ct);

        var since = DateOnly.FromDateTime(now).AddDays(-PageSnapshot.Days).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var maintenances = (await db.StatusMaintenances.AsNoTracking().Where(m => m.ScheduledUntil >= since).OrderBy(m => m.ScheduledFor).Select(m => new
        {
            m.Id, m.StatusPageId, m.Title, m.Body, m.ScheduledFor, m.ScheduledUntil, m.VerifyMinutes, m.CreatedAt, Services = m.Components.Select(c => c.ServiceId).ToList(),
        }).ToListAsync(ct)).Select(m => new MaintenanceRow(m.Id, m.StatusPageId, m.Title, m.Body, m.ScheduledFor, m.ScheduledUntil, m.VerifyMinutes, m.CreatedAt, m.Services)).ToList();

        var result = new Dictionary<string, PageSnapshot>();
        foreach (var p in pages)
        {
            var page = new PublicPage(p.Id, p.Key, p.Name, p.Audience, StatusPageRules.RolesOf(p.Roles), p.LogoUrl, p.Description, StatusPageRules.Origins(p.EmbedOrigins), StatusPageRules.GroupsOf(p.Groups));
            var mine = components.Where(c => c.PageId == p.Id).OrderBy(c => c.Position).ToList();
            var published = onPages.Where(x => x.PageId == p.Id && updates.ContainsKey(x.UpdateId)).Select(x => updates[x.UpdateId]).Distinct().ToList();
            result[p.Key] = Page(page, p.ImpactDrivesColour, p.UpdatedAt, mine, published, postmortems, windows, [.. maintenances.Where(m => m.PageId == p.Id)], now);
        }
        return result;
    }

    private static PageSnapshot Page(PublicPage page, bool impactDrivesColour, DateTime pageUpdatedAt, List<ComponentRow> components, List<UpdateRow> published,
        Dictionary<int, PublicPostmortem> postmortems, List<WindowRow> windows,
        List<MaintenanceRow> maintenances, DateTime now)
    {
        var byService = components.ToDictionary(c => c.ServiceId);
        PublicAffected Affected(int serviceId, ImpactLevel? level) =>
            new(PublicId(byService[serviceId]), byService[serviceId].Name, level is null ? "under_maintenance" : StatusPageRules.ComponentStatus(level));

        var incidents = published.GroupBy(u => u.IncidentId).Select(g =>
        {
            var ordered = g.OrderBy(u => u.PublishedAt).ThenBy(u => u.Id).ToList();
            var latest = ordered[^1];
            var updates = ordered.AsEnumerable().Reverse().Select(u => new PublicUpdate($"u{u.Id}", u.State, u.Body, u.PublishedAt, u.CorrectedAt,
                [.. u.Components.Where(c => byService.ContainsKey(c.ServiceId)).Select(c => Affected(c.ServiceId, c.Level))])).ToList();
            var worst = ordered.SelectMany(u => u.Components).Where(c => byService.ContainsKey(c.ServiceId)).Select(c => (ImpactLevel?)c.Level).Max();
            var affected = latest.Components.Where(c => byService.ContainsKey(c.ServiceId)).Select(c => Affected(c.ServiceId, c.Level)).ToList();
            var postmortem = postmortems.GetValueOrDefault(g.Key);
            var updatedAt = postmortem is null ? updates.Max(u => u.UpdatedAt) : new[] { updates.Max(u => u.UpdatedAt), postmortem.UpdatedAt ?? postmortem.PublishedAt }.Max();
            return (IncidentId: g.Key, Latest: latest, Public: new PublicIncident($"i{g.Key}", latest.Title, latest.State, Impact(worst), ordered[0].PublishedAt,
                updatedAt, ordered.FirstOrDefault(u => u.State == PublicState.Monitoring)?.PublishedAt,
                latest.State == PublicState.Resolved ? latest.PublishedAt : null, updates, affected, postmortem));
        }).OrderByDescending(i => i.Public.CreatedAt).ToList();

        var open = incidents.Where(i => !i.Public.IsResolved).ToList();
        var openIds = open.Select(i => i.IncidentId).ToHashSet();
        var publishedIds = incidents.ToDictionary(i => i.IncidentId, i => i.Public.Name);
        var today = DateOnly.FromDateTime(now);
        var first = today.AddDays(-(PageSnapshot.Days - 1));

        var publicMaintenances = maintenances.Select(m =>
        {
            var state = StatusMaintenance.StateAt(m.From, m.Until, m.VerifyMinutes, now);
            var moved = state switch
            {
                MaintenanceState.InProgress => m.From,
                MaintenanceState.Verifying => m.Until,
                MaintenanceState.Completed => m.Until.AddMinutes(m.VerifyMinutes),
                _ => m.CreatedAt,
            };
            return new PublicMaintenance($"m{m.Id}", m.Title, state, m.Body, m.From, m.Until, m.CreatedAt, moved,
                [.. m.Services.Where(byService.ContainsKey).Select(s => Affected(s, null))]);
        }).ToList();
        var underMaintenance = maintenances.Where(m => StatusMaintenance.StateAt(m.From, m.Until, m.VerifyMinutes, now) is MaintenanceState.InProgress or MaintenanceState.Verifying)
            .SelectMany(m => m.Services).ToHashSet();

        var publicComponents = components.Select(c =>
        {
            // The state now: what the open incidents' latest updates say, and (if the page says so) their open impact windows.
            var levels = open.SelectMany(i => i.Latest.Components).Where(x => x.ServiceId == c.ServiceId).Select(x => (ImpactLevel?)x.Level).ToList();
            if (impactDrivesColour)
                levels.AddRange(windows.Where(w => openIds.Contains(w.IncidentId) && w.ServiceId == c.ServiceId && w.Start <= now && (w.End is null || w.End > now))
                    .Select(w => (ImpactLevel?)w.Level));
            var mine = windows.Where(w => w.ServiceId == c.ServiceId && publishedIds.ContainsKey(w.IncidentId)).ToList();
            var charge = mine.Select(w => new ChargeWindow(w.Start, w.End, w.Level)).ToList();
            // Planned work is not downtime: its windows leave both the charged minutes and the minutes counted.
            var planned = maintenances.Where(m => m.Services.Contains(c.ServiceId)).Select(m => (m.From, m.Until)).ToList();
            var days = new List<UptimeDay>(PageSnapshot.Days);
            double charged = 0, minutes = 0;
            for (var d = first; d <= today; d = d.AddDays(1))
            {
                var from = d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                var to = d == today ? now : from.AddDays(1);
                var pieces = Outside(from, to, planned);
                var dayMinutes = pieces.Sum(p => (p.To - p.From).TotalMinutes);
                var dayCharged = Math.Min(pieces.Sum(p => ErrorBudget.ChargedMinutes(charge, c.Slo, now, p.From, p.To)), dayMinutes);
                var touching = mine.Where(w => w.Start < to && (w.End ?? now) > from).ToList();
                days.Add(new UptimeDay(d, dayMinutes <= 0 ? 1 : 1 - dayCharged / dayMinutes, touching.Select(w => (ImpactLevel?)w.Level).Max(),
                    [.. touching.Select(w => publishedIds[w.IncidentId]).Distinct()]));
                charged += dayCharged;
                minutes += dayMinutes;
            }
            var updatedAt = incidents.Where(i => i.Latest.Components.Any(x => x.ServiceId == c.ServiceId)).Select(i => (DateTime?)i.Public.UpdatedAt).Max() ?? pageUpdatedAt;
            var status = levels.Max() is null && underMaintenance.Contains(c.ServiceId) ? "under_maintenance" : StatusPageRules.ComponentStatus(levels.Max());
            return (Level: levels.Max(), Public: new PublicComponent(PublicId(c), c.Name, c.Group, c.Position, status,
                updatedAt, minutes <= 0 ? 1 : 1 - charged / minutes, days));
        }).ToList();

        var worstNow = publicComponents.Select(c => c.Level).Max();
        var indicator = Max(Indicator(worstNow), open.Select(i => i.Public.Impact).DefaultIfEmpty("none").MaxBy(Rank)!);
        if (indicator == "none" && underMaintenance.Count > 0) indicator = "maintenance";
        return new PageSnapshot(page, now, indicator, Describe(indicator), [.. publicComponents.Select(c => c.Public)], [.. incidents.Select(i => i.Public)],
            publicMaintenances);
    }

    private static string PublicId(ComponentRow c) => StatusPageComponent.PublicId(c.Id);

    /// <summary>The parts of [from, to) outside the planned windows.</summary>
    private static List<(DateTime From, DateTime To)> Outside(DateTime from, DateTime to, List<(DateTime From, DateTime Until)> planned)
    {
        var pieces = new List<(DateTime From, DateTime To)> { (from, to) };
        foreach (var (start, end) in planned)
        {
            var next = new List<(DateTime From, DateTime To)>();
            foreach (var p in pieces)
            {
                if (end <= p.From || start >= p.To) { next.Add(p); continue; }
                if (start > p.From) next.Add((p.From, start));
                if (end < p.To) next.Add((end, p.To));
            }
            pieces = next;
        }
        return pieces;
    }

    /// <summary>Statuspage's incident impact: the worst level an update named.</summary>
    private static string Impact(ImpactLevel? level) => level switch
    {
        ImpactLevel.MajorOutage => "critical",
        ImpactLevel.PartialOutage => "major",
        ImpactLevel.Degraded => "minor",
        _ => "none",
    };

    private static string Indicator(ImpactLevel? level) => Impact(level);

    private static int Rank(string indicator) => indicator switch { "critical" => 3, "major" => 2, "minor" => 1, _ => 0 };

    private static string Max(string a, string b) => Rank(a) >= Rank(b) ? a : b;

    /// <summary>Statuspage's words for the page's indicator.</summary>
    public static string Describe(string indicator) => indicator switch
    {
        "critical" => "Major System Outage",
        "major" => "Partial System Outage",
        "minor" => "Minor Service Outage",
        "maintenance" => "Service Under Maintenance",
        _ => "All Systems Operational",
    };
}
