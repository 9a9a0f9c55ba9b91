using Dashboard.Data.Door;
using Dashboard.Data.Graph;
using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Changes;

/// <summary>
/// Reads changes: the list (with filters), one change, and the ranked "changes before this incident".
/// Changes themselves are not private, but the incidents they are marked on are: a link to an incident
/// appears only where the viewer may see that incident.
/// </summary>
public sealed class ChangeQueries(IDbContextFactory<IncidentBoardDbContext> dbFactory, ServiceGraphCache graphs)
{
    public const int MaxLimit = 1000;
    /// <summary>The default window opens this long before the start.</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromHours(24);
    /// <summary>A window longer than this is cut: the panel is about what changed just before, not a change log.</summary>
    public static readonly TimeSpan LongestWindow = TimeSpan.FromDays(31);
    /// <summary>Changes that reach no impacted service are listed only this many, nearest the start first.</summary>
    public const int UnrelatedShown = 20;
    /// <summary>Related changes listed at most; a window with more is summarised by the count left out.</summary>
    public const int MaxShown = 100;

    public async Task<IReadOnlyList<ChangeItem>> ListAsync(Actor viewer, ChangeFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.ChangeEvents.AsNoTracking();
        if (filter.Service is { Length: > 0 } service) query = query.Where(c => c.Services.Any(s => s.Service!.Key == service));
        if (filter.Kind is { Length: > 0 } && ChangeRules.TryParseKind(filter.Kind, out var kind)) query = query.Where(c => c.Kind == kind);
        if (filter.Environment is { Length: > 0 } environment) query = query.Where(c => c.Environment == environment);
        if (filter.From is { } from) query = query.Where(c => c.StartedAt >= from);
        if (filter.To is { } to) query = query.Where(c => c.StartedAt <= to);
        if (filter.ExternalId is { Length: > 0 } externalId) query = query.Where(c => c.ExternalId == externalId);
        var limit = Math.Clamp(filter.Limit, 1, MaxLimit);
        var ids = await query.OrderByDescending(c => c.StartedAt).ThenByDescending(c => c.Id).Take(limit).Select(c => c.Id).ToListAsync(ct);
        return await ItemsAsync(db, viewer, ids, ct);
    }

    public async Task<ChangeItem?> GetAsync(Actor viewer, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await ItemsAsync(db, viewer, [id], ct)).SingleOrDefault();
    }

    /// <summary>
    /// The changes from <paramref name="from"/> (default: 24 hours before the start) to <paramref name="to"/>
    /// (default: the end of impact), ranked by <see cref="ChangeRanking"/>; null when the viewer may not see the incident.
    /// </summary>
    public async Task<IncidentChanges?> BeforeIncidentAsync(Actor viewer, int incidentId, DateTime? from = null, DateTime? to = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var incident = await db.Incidents.AsNoTracking().VisibleTo(viewer).Where(i => i.Id == incidentId)
            .Select(i => new { i.TriggeredAt, i.StartedAt, i.DetectedAt, i.MitigatedAt, i.ResolvedAt, i.CreatedAt })
            .SingleOrDefaultAsync(ct);
        if (incident is null) return null;
        var impactedIds = await db.ServiceImpacts.AsNoTracking().Where(x => x.IncidentId == incidentId).Select(x => x.ServiceId).Distinct().ToListAsync(ct);
        var start = incident.StartedAt ?? incident.TriggeredAt ?? incident.DetectedAt ?? incident.CreatedAt;
        var windowFrom = from ?? start - Lookback;
        var windowTo = to ?? incident.ResolvedAt ?? incident.MitigatedAt ?? start;
        if (windowTo < windowFrom) (windowFrom, windowTo) = (windowTo, windowFrom);
        if (windowTo - windowFrom > LongestWindow) windowFrom = windowTo - LongestWindow;

        var graph = await graphs.GetAsync(db, ct);
        var impacted = impactedIds.ToHashSet();
        // Keys of the impacted services and everything they depend on: the services a related change can touch.
        var related = graph.WithDependencies(impacted);
        var keys = new Dictionary<int, string>();
        foreach (var slice in related.Chunk(500))
            foreach (var s in await db.Services.AsNoTracking().Where(s => slice.Contains(s.Id)).Select(s => new { s.Id, s.Key }).ToListAsync(ct))
                keys[s.Id] = s.Key;
        var reach = ChangeRanking.ReachOf(graph, impacted, id => keys.GetValueOrDefault(id, ""));

        // Two reads on the (ServiceId, StartedAt) and StartedAt indexes: every change to a related service in
        // the window (as light rows: the ranking needs only when and which services), and the few unrelated
        // ones nearest the start. Full rows are read only for the ones shown.
        var touched = new Dictionary<int, (DateTime At, List<int> Services)>();
        foreach (var slice in related.Chunk(500))
            foreach (var row in await db.ChangeServices.AsNoTracking()
                .Where(s => slice.Contains(s.ServiceId) && s.StartedAt >= windowFrom && s.StartedAt <= windowTo)
                .Select(s => new { s.ChangeEventId, s.ServiceId, s.StartedAt }).ToListAsync(ct))
            {
                if (!touched.TryGetValue(row.ChangeEventId, out var entry)) touched[row.ChangeEventId] = entry = (row.StartedAt, []);
                entry.Services.Add(row.ServiceId);
            }
        var inWindow = db.ChangeEvents.AsNoTracking().Where(c => c.StartedAt >= windowFrom && c.StartedAt <= windowTo);
        var unrelatedCount = await inWindow.CountAsync(ct) - touched.Count;
        var before = await inWindow.Where(c => c.StartedAt <= start).OrderByDescending(c => c.StartedAt).ThenBy(c => c.Id).Take(UnrelatedShown + touched.Count).Select(c => c.Id).ToListAsync(ct);
        var after = await inWindow.Where(c => c.StartedAt > start).OrderBy(c => c.StartedAt).ThenBy(c => c.Id).Take(UnrelatedShown + touched.Count).Select(c => c.Id).ToListAsync(ct);
        var unrelatedIds = before.Concat(after).Where(id => !touched.ContainsKey(id)).Distinct().ToList();
        var unrelated = await ServiceIdsAsync(db, unrelatedIds, ct);
        var unrelatedAt = new Dictionary<int, DateTime>();
        foreach (var slice in unrelatedIds.Chunk(500))
            foreach (var c in await db.ChangeEvents.AsNoTracking().Where(c => slice.Contains(c.Id)).Select(c => new { c.Id, c.StartedAt }).ToListAsync(ct))
                unrelatedAt[c.Id] = c.StartedAt;
        foreach (var (sid, key) in await KeysAsync(db, unrelated.Values.SelectMany(v => v).Where(s => !keys.ContainsKey(s)).Distinct().ToList(), ct)) keys[sid] = key;

        var candidates = touched.Select(t => new ChangeCandidate(t.Key, t.Value.At, t.Value.Services))
            .Concat(unrelatedIds.Select(id => new ChangeCandidate(id, unrelatedAt[id], unrelated.GetValueOrDefault(id, []))));
        var ranked = ChangeRanking.Rank(candidates, reach, start, id => keys.GetValueOrDefault(id, "?"));
        // Related changes up to the panel's limit, then the unrelated ones nearest the start; the rest are counted, not listed.
        var kept = ranked.Where(r => r.Relation != ChangeRelation.Unrelated).Take(MaxShown)
            .Concat(ranked.Where(r => r.Relation == ChangeRelation.Unrelated).Take(UnrelatedShown)).ToList();
        var items = (await ItemsAsync(db, viewer, [.. kept.Select(r => r.Change.Id)], ct)).ToDictionary(i => i.Id);
        var marks = await db.ChangeMarks.AsNoTracking().Where(m => m.IncidentId == incidentId).ToDictionaryAsync(m => m.ChangeEventId, m => m.Role, ct);
        var rows = kept.Select((r, n) => new RankedChangeItem(items[r.Change.Id], n + 1, r.Relation, keys.GetValueOrDefault(r.ServiceId, "?"),
            r.Relation == ChangeRelation.Unrelated ? null : r.Hops, r.ImpactedDownstream, r.Reason,
            marks.TryGetValue(r.Change.Id, out var role) ? role : null)).ToList();
        var shownUnrelated = rows.Count(r => r.Relation == ChangeRelation.Unrelated);
        var relatedLeftOut = ranked.Count(r => r.Relation != ChangeRelation.Unrelated) - (rows.Count - shownUnrelated);
        return new IncidentChanges(windowFrom, windowTo, start, rows, Math.Max(0, unrelatedCount - shownUnrelated) + relatedLeftOut);
    }

    /// <summary>How far before the trigger (or start) the timeline draws changes: the chart is about the incident, the panel about the day before.</summary>
    public static readonly TimeSpan TimelineLead = TimeSpan.FromHours(2);

    /// <summary>
    /// The changes to the impacted services and those they depend on, from <see cref="TimelineLead"/> before
    /// the trigger (or start) to the end of impact: one marker per touched service of that set, on its lane
    /// (named as the impact lanes are). Empty when the viewer may not see the incident.
    /// </summary>
    public async Task<IReadOnlyList<ChangeMarker>> MarkersAsync(Actor viewer, int incidentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var incident = await db.Incidents.AsNoTracking().VisibleTo(viewer).Where(i => i.Id == incidentId)
            .Select(i => new { i.TriggeredAt, i.StartedAt, i.DetectedAt, i.MitigatedAt, i.ResolvedAt, i.CreatedAt }).SingleOrDefaultAsync(ct);
        if (incident is null) return [];
        var start = incident.StartedAt ?? incident.TriggeredAt ?? incident.DetectedAt ?? incident.CreatedAt;
        var from = (incident.TriggeredAt is { } t && t < start ? t : start) - TimelineLead;
        var to = incident.ResolvedAt ?? incident.MitigatedAt ?? start;
        if (to - from > LongestWindow) to = from + LongestWindow;
        var impacted = await db.ServiceImpacts.AsNoTracking().Where(x => x.IncidentId == incidentId).Select(x => x.ServiceId).Distinct().ToListAsync(ct);
        var related = (await graphs.GetAsync(db, ct)).WithDependencies(impacted);
        var markers = new List<ChangeMarker>();
        foreach (var slice in related.Chunk(500))
            markers.AddRange(await db.ChangeServices.AsNoTracking()
                .Where(s => slice.Contains(s.ServiceId) && s.StartedAt >= from && s.StartedAt <= to)
                .Select(s => new ChangeMarker(s.ChangeEventId, s.StartedAt, s.ChangeEvent!.Kind, s.ChangeEvent.Title, s.ChangeEvent.Author, s.ChangeEvent.Link, s.Service!.Name))
                .ToListAsync(ct));
        return [.. markers.OrderBy(m => m.At).ThenBy(m => m.Id)];
    }

    private static async Task<Dictionary<int, List<int>>> ServiceIdsAsync(IncidentBoardDbContext db, List<int> changeIds, CancellationToken ct)
    {
        var result = new Dictionary<int, List<int>>();
        foreach (var slice in changeIds.Chunk(500))
            foreach (var s in await db.ChangeServices.AsNoTracking().Where(s => slice.Contains(s.ChangeEventId)).Select(s => new { s.ChangeEventId, s.ServiceId }).ToListAsync(ct))
            {
                if (!result.TryGetValue(s.ChangeEventId, out var list)) result[s.ChangeEventId] = list = [];
                list.Add(s.ServiceId);
            }
        return result;
    }

    private static async Task<List<(int, string)>> KeysAsync(IncidentBoardDbContext db, List<int> serviceIds, CancellationToken ct)
    {
        var result = new List<(int, string)>();
        foreach (var slice in serviceIds.Chunk(500))
            result.AddRange((await db.Services.AsNoTracking().Where(s => slice.Contains(s.Id)).Select(s => new { s.Id, s.Key }).ToListAsync(ct)).Select(s => (s.Id, s.Key)));
        return result;
    }

    /// <summary>The rows for these ids, in the given order, each with its services' keys and the incidents marked on it that the viewer may see.</summary>
    private static async Task<List<ChangeItem>> ItemsAsync(IncidentBoardDbContext db, Actor viewer, List<int> ids, CancellationToken ct)
    {
        var rows = new List<ChangeItem>(ids.Count);
        foreach (var slice in ids.Chunk(500))
        {
            var changes = await db.ChangeEvents.AsNoTracking().Where(c => slice.Contains(c.Id))
                .Select(c => new
                {
                    c.Id, c.ExternalId, c.Kind, c.Title, c.Environment, c.StartedAt, c.EndedAt, c.Author, c.Link, c.Labels, c.Origin, c.RecordedAt,
                    Services = c.Services.Select(s => s.Service!.Key).ToList(),
                }).ToListAsync(ct);
            var links = await db.ChangeMarks.AsNoTracking().Where(m => slice.Contains(m.ChangeEventId))
                .InVisibleIncidents(db.Incidents, viewer, m => m.IncidentId)
                .Select(m => new { m.ChangeEventId, m.Incident!.Slug, m.Incident.Title, m.Role }).ToListAsync(ct);
            var linksOf = links.ToLookup(l => l.ChangeEventId, l => new ChangeIncidentLink(l.Slug, l.Title, l.Role));
            rows.AddRange(changes.Select(c => new ChangeItem(c.Id, c.ExternalId, c.Kind, c.Title, c.Environment, c.StartedAt, c.EndedAt, c.Author, c.Link,
                ChangeRules.LabelsOf(c.Labels), [.. c.Services.Order(StringComparer.Ordinal)], c.Origin, c.RecordedAt, [.. linksOf[c.Id].OrderBy(l => l.Slug, StringComparer.Ordinal)])));
        }
        var order = ids.Select((id, n) => (id, n)).ToDictionary(x => x.id, x => x.n);
        return [.. rows.OrderBy(r => order[r.Id])];
    }
}
