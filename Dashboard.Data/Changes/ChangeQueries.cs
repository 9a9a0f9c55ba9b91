using Dashboard.Data.Graph;
using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Catalog;

namespace Dashboard.Data.Changes;

/// <summary>
/// Reads changes: the list (with filters), one change, and the ranked "changes before this incident".
/// Changes themselves are not private, but the incidents they are marked on are: a link to an incident
/// appears only where the viewer may see that incident.
/// </summary>
public sealed partial class ChangeQueries(IDbContextFactory<IncidentBoardDbContext> dbFactory, ServiceGraphCache graphs, AggregateCache cache)
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
    public Task<IncidentChanges?> BeforeIncidentAsync(Actor viewer, int incidentId, DateTime? from = null, DateTime? to = null, CancellationToken ct = default) =>
        // Shown on every incident page's first paint: computed once per change and per what the viewer sees, then shared.
        cache.GetAsync("incident-changes", viewer, new { incidentId, from, to }, token => ComputeBeforeIncidentAsync(viewer, incidentId, from, to, token), ct);

    private async Task<IncidentChanges?> ComputeBeforeIncidentAsync(Actor viewer, int incidentId, DateTime? from, DateTime? to, CancellationToken ct)
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
        // Every change of the window as a light row (which change, when, which service) in ONE range scan of the
        // covering index ChangeServices(StartedAt, ServiceId, ChangeEventId): a window holds thousands at most,
        // and sorting them out in memory beats asking SQL per service. Ranking needs no more than these; full
        // rows are read only for the ones shown. (It was the StartedAt index of ChangeEvents, then the ids'
        // services in slices of 500 constants: each slice a new SQL text to compile and plan, 0.5 s at 1,000,000 changes.)
        var rows = (await InWindow(db, windowFrom, windowTo).ToListAsync(ct)).Select(s => (Id: s.ChangeEventId, s.StartedAt, s.ServiceId)).ToList();
        var keys = await db.Services.AsNoTracking().Select(s => new { s.Id, s.Key }).ToDictionaryAsync(s => s.Id, s => s.Key, ct);
        string KeyOf(int id) => keys.GetValueOrDefault(id, "?");
        var reach = ChangeRanking.ReachOf(graph, impacted, KeyOf);
        var all = rows.GroupBy(r => r.Id).Select(g => new ChangeCandidate(g.Key, g.First().StartedAt, [.. g.Select(r => r.ServiceId)])).ToList();
        var touched = all.Where(c => c.ServiceIds.Any(reach.ContainsKey)).ToList();
        var unrelatedCount = all.Count - touched.Count;
        // Of the unrelated ones only those nearest the start are ranked and shown.
        var unrelated = all.Where(c => !c.ServiceIds.Any(reach.ContainsKey)).OrderBy(c => (c.StartedAt - start).Duration()).ThenBy(c => c.Id).Take(UnrelatedShown);

        var candidates = touched.Concat(unrelated);
        var ranked = ChangeRanking.Rank(candidates, reach, start, KeyOf);
        // Related changes up to the panel's limit, then the unrelated ones nearest the start; the rest are counted, not listed.
        var kept = ranked.Where(r => r.Relation != ChangeRelation.Unrelated).Take(MaxShown)
            .Concat(ranked.Where(r => r.Relation == ChangeRelation.Unrelated).Take(UnrelatedShown)).ToList();
        var items = (await ItemsAsync(db, viewer, [.. kept.Select(r => r.Change.Id)], ct)).ToDictionary(i => i.Id);
        var marks = await db.ChangeMarks.AsNoTracking().Where(m => m.IncidentId == incidentId).ToDictionaryAsync(m => m.ChangeEventId, m => m.Role, ct);
        var shown = kept.Select((r, n) => new RankedChangeItem(items[r.Change.Id], n + 1, r.Relation, KeyOf(r.ServiceId),
            r.Relation == ChangeRelation.Unrelated ? null : r.Hops, r.ImpactedDownstream, r.Reason,
            marks.TryGetValue(r.Change.Id, out var role) ? role : null)).ToList();
        var shownUnrelated = shown.Count(r => r.Relation == ChangeRelation.Unrelated);
        var relatedLeftOut = touched.Count - (shown.Count - shownUnrelated);
        return new IncidentChanges(windowFrom, windowTo, start, shown, unrelatedCount - shownUnrelated + relatedLeftOut);
    }

    /// <summary>Every (change, service) of a window, as the panel reads it: all three columns are in the window index, so the table is never read (tests EXPLAIN it).</summary>
    public static IQueryable<WindowRow> InWindow(IncidentBoardDbContext db, DateTime from, DateTime to) =>
        db.ChangeServices.AsNoTracking().Where(s => s.StartedAt >= from && s.StartedAt <= to).Select(s => new WindowRow(s.ChangeEventId, s.StartedAt, s.ServiceId));

    public sealed record WindowRow(int ChangeEventId, DateTime StartedAt, int ServiceId);

    /// <summary>The catalog keys of these changes' services, by the ChangeServices key (tests EXPLAIN it).</summary>
    public static IQueryable<ChangeServiceKey> ServicesOf(IncidentBoardDbContext db, int[] changeIds) =>
        db.ChangeServices.AsNoTracking().Where(s => changeIds.Contains(s.ChangeEventId)).Select(s => new ChangeServiceKey(s.ChangeEventId, s.Service!.Key));

    public sealed record ChangeServiceKey(int ChangeEventId, string Key);

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
        var first = (incident.TriggeredAt is { } t && t < start ? t : start) - TimelineLead;
        var last = incident.ResolvedAt ?? incident.MitigatedAt ?? start;
        if (last - first > LongestWindow) last = first + LongestWindow;
        var impacted = await db.ServiceImpacts.AsNoTracking().Where(x => x.IncidentId == incidentId).Select(x => x.ServiceId).Distinct().ToListAsync(ct);
        var related = (await graphs.GetAsync(db, ct)).WithDependencies(impacted);
        // As in the panel: the window's (change, service) rows by the ChangeServices(StartedAt, …) index, each joined to its
        // change and service by key; the related ones are kept. The chart's window is hours, so its rows are hundreds.
        var markers = (await db.ChangeServices.AsNoTracking().Where(s => s.StartedAt >= first && s.StartedAt <= last)
                .Select(s => new { s.ServiceId, Marker = new ChangeMarker(s.ChangeEventId, s.StartedAt, s.ChangeEvent!.Kind, s.ChangeEvent.Title, s.ChangeEvent.Author, s.ChangeEvent.Link, s.Service!.Name) })
                .ToListAsync(ct)).Where(m => related.Contains(m.ServiceId)).Select(m => m.Marker);
        return [.. markers.OrderBy(m => m.At).ThenBy(m => m.Id).ThenBy(m => m.Lane, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The changes marked on an incident, the trigger first, then by start. The caller has checked the
    /// viewer may see the incident; changes themselves are not private.
    /// </summary>
    public static async Task<IReadOnlyList<MarkedChange>> MarkedAsync(IncidentBoardDbContext db, int incidentId, CancellationToken ct)
    {
        var rows = await db.ChangeMarks.AsNoTracking().Where(m => m.IncidentId == incidentId)
            .Select(m => new { m.Role, m.ChangeEventId, m.ChangeEvent!.StartedAt, m.ChangeEvent.Kind, m.ChangeEvent.Title, m.ChangeEvent.Author, m.ChangeEvent.Environment,
                m.ChangeEvent.Link, Services = m.ChangeEvent.Services.Select(s => s.Service!.Key).ToList() })
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Role).ThenBy(r => r.StartedAt).ThenBy(r => r.ChangeEventId)
            .Select(r => new MarkedChange(r.Role, r.StartedAt, r.Kind, [.. r.Services.Order(StringComparer.Ordinal)], r.Title, r.Author, r.Environment, r.Link))];
    }

    /// <summary>The rows for these ids, in the given order, each with its services' keys and the incidents marked on it that the viewer may see.</summary>
    private static async Task<List<ChangeItem>> ItemsAsync(IncidentBoardDbContext db, Actor viewer, List<int> ids, CancellationToken ct)
    {
        var rows = new List<ChangeItem>(ids.Count);
        foreach (var slice in ids.Chunk(500))
        {
            var changes = await db.ChangeEvents.AsNoTracking().Where(c => slice.Contains(c.Id))
                .Select(c => new { c.Id, c.ExternalId, c.Kind, c.Title, c.Environment, c.StartedAt, c.EndedAt, c.Author, c.Link, c.Labels, c.Origin, c.RecordedAt })
                .ToListAsync(ct);
            // A flat query of its own, by the ChangeServices key: as a collection in the projection above, SQLite materialised
            // the join of every ChangeService with its service first (0.45 s at 1,000,000 changes, most of the panel's time).
            var services = (await ServicesOf(db, slice).ToListAsync(ct)).ToLookup(s => s.ChangeEventId, s => s.Key);
            var links = await db.ChangeMarks.AsNoTracking().Where(m => slice.Contains(m.ChangeEventId))
                .InVisibleIncidents(db.Incidents, viewer, m => m.IncidentId)
                .Select(m => new { m.ChangeEventId, m.Incident!.Slug, m.Incident.Title, m.Role }).ToListAsync(ct);
            var linksOf = links.ToLookup(l => l.ChangeEventId, l => new ChangeIncidentLink(l.Slug, l.Title, l.Role));
            rows.AddRange(changes.Select(c => new ChangeItem(c.Id, c.ExternalId, c.Kind, c.Title, c.Environment, c.StartedAt, c.EndedAt, c.Author, c.Link,
                ChangeRules.LabelsOf(c.Labels), [.. services[c.Id].Order(StringComparer.Ordinal)], c.Origin, c.RecordedAt, [.. linksOf[c.Id].OrderBy(l => l.Slug, StringComparer.Ordinal)])));
        }
        var order = ids.Select((id, n) => (id, n)).ToDictionary(x => x.id, x => x.n);
        return [.. rows.OrderBy(r => order[r.Id])];
    }
}
