using Dashboard.Data.Graph;
using Dashboard.Data.Incidents;
using Dashboard.Data.Review;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Catalog;

public sealed class ServiceCatalogQueries(IDbContextFactory<IncidentBoardDbContext> dbFactory, TimeProvider clock, ServiceGraphCache graphs,
    AggregateCache cache)
{
    /// <summary>
    /// One page of the catalog, filtered by name, key, group or owner team and sorted by group and
    /// name. Paged in SQL: a catalog of thousands of services is not sent as one table, and the counts
    /// are read only for the rows on the page. Pages are shared through <see cref="AggregateCache"/>:
    /// the counts are most of what the services page costs.
    /// </summary>
    public Task<Paged<ServiceListItem>> ListAsync(Actor viewer, string? search, bool includeArchived, int page = 0, int pageSize = 50,
        CancellationToken ct = default) =>
        cache.GetAsync("services", viewer, new { search, includeArchived, page, pageSize },
            token => ComputeListAsync(viewer, search, includeArchived, page, pageSize, token), ct);

    private async Task<Paged<ServiceListItem>> ComputeListAsync(Actor viewer, string? search, bool includeArchived, int page, int pageSize,
        CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Incident counts leave out private incidents the viewer may not see.
        var impacts = db.ServiceImpacts.InVisibleIncidents(db.Incidents, viewer, x => x.IncidentId);
        var services = db.Services.AsNoTracking();
        if (!includeArchived) services = services.Where(s => !s.IsArchived);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = LikePattern.Contains(search);
            services = services.Where(s => SqlFunctions.Like(s.Name, pattern) || SqlFunctions.Like(s.Key, pattern)
                || SqlFunctions.Like(s.Group, pattern) || (s.OwnerTeam != null && SqlFunctions.Like(s.OwnerTeam, pattern)));
        }
        var total = await services.CountAsync(ct);
        // Case-folded so "Amazon …" and "AWS …" sort as people read them, not by byte value. The page
        // is read first and counted second: counts in the sorted query would be computed for every
        // service before the sort, not just for the page's.
        var rows = await services.OrderBy(s => SqlFunctions.Caseless(s.Group)).ThenBy(s => SqlFunctions.Caseless(s.Name)).ThenBy(s => s.Id)
            .Skip(Math.Max(0, page) * pageSize).Take(Math.Clamp(pageSize, 1, 500))
            .Select(s => new { s.Id, s.Key, s.Name, s.Group, s.OwnerTeam, s.Tier, s.IsArchived })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var counts = await db.Services.Where(s => ids.Contains(s.Id))
            .Select(s => new
            {
                s.Id,
                DependsOn = s.DependsOn.Count,
                Dependents = db.ServiceDependencies.Count(d => d.DependsOnServiceId == s.Id),
                Incidents = impacts.Where(x => x.ServiceId == s.Id).Select(x => x.IncidentId).Distinct().Count(),
            })
            .ToDictionaryAsync(c => c.Id, ct);
        // A service removed between the two reads keeps its row with no counts.
        var items = rows.Select(r => counts.TryGetValue(r.Id, out var c)
            ? new ServiceListItem(r.Id, r.Key, r.Name, r.Group, r.OwnerTeam, r.Tier, r.IsArchived, c.DependsOn, c.Dependents, c.Incidents)
            : new ServiceListItem(r.Id, r.Key, r.Name, r.Group, r.OwnerTeam, r.Tier, r.IsArchived, 0, 0, 0)).ToList();
        return new Paged<ServiceListItem>(items, total);
    }

    public async Task<ServiceDetail?> GetAsync(string key, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var detail = await db.Services.AsNoTracking().Where(s => s.Key == key)
            .Select(s => new
            {
                Service = s,
                DependsOn = s.DependsOn.Select(d => d.DependsOnService!).OrderBy(x => x.Name)
                    .Select(x => new ServiceRef(x.Id, x.Key, x.Name, x.Group, x.IsArchived)).ToList(),
                Dependents = db.ServiceDependencies.Where(d => d.DependsOnServiceId == s.Id).Select(d => d.Service!).OrderBy(x => x.Name)
                    .Select(x => new ServiceRef(x.Id, x.Key, x.Name, x.Group, x.IsArchived)).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (detail is null) return null;
        var s = detail.Service;
        return new ServiceDetail(s.Id, s.Key, s.Name, s.Group, s.Description, s.OwnerTeam, s.Tier, s.IsArchived, s.Version, detail.DependsOn, detail.Dependents);
    }

    /// <summary>
    /// The incidents that touched a service, newest first, and its impact minutes since
    /// <paramref name="since"/> (all time when null). Overlapping windows of the service count once;
    /// a window without a published end runs to its incident's resolution, as in the review.
    /// </summary>
    public async Task<ServiceHistory> HistoryAsync(Actor viewer, int serviceId, DateTime? since, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var windows = await (from x in db.ServiceImpacts.AsNoTracking()
                             join i in db.Incidents.VisibleTo(viewer) on x.IncidentId equals i.Id
                             where x.ServiceId == serviceId
                             select new
                             {
                                 x.IncidentId, i.Slug, i.Title, i.Severity, Started = i.StartedAt ?? i.TriggeredAt,
                                 x.Level, x.StartedAt, End = x.EndedAt ?? i.ResolvedAt,
                             })
            .ToListAsync(ct);
        var rows = windows.GroupBy(w => w.IncidentId)
            .Select(g =>
            {
                var first = g.First();
                var closed = g.Where(w => w.End is not null).Select(w => (w.StartedAt, End: w.End!.Value)).ToList();
                double? minutes = closed.Count == 0 ? null : ReliabilityMath.Merge(closed).Sum(m => (m.End - m.Start).TotalMinutes);
                return new ServiceIncidentRow(first.Slug, first.Title, first.Severity, first.Started ?? g.Min(w => w.StartedAt),
                    g.Max(w => w.Level), g.Count(), minutes);
            })
            .OrderByDescending(r => r.StartedAt).ThenBy(r => r.Title)
            .ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var from = since ?? DateTime.MinValue;
        var clipped = windows.Where(w => w.End is not null)
            .Select(w => (Start: w.StartedAt < from ? from : w.StartedAt, End: w.End!.Value > now ? now : w.End!.Value));
        var periodMinutes = ReliabilityMath.Merge(clipped).Sum(m => (m.End - m.Start).TotalMinutes);
        return new ServiceHistory(rows, periodMinutes, since);
    }

    /// <summary>
    /// Every service that depends on <paramref name="serviceId"/>, directly or transitively, from
    /// the whole catalog: a breadth-first walk over the graph kept in memory, one query for the names.
    /// </summary>
    public async Task<BlastRadiusResult> BlastRadiusAsync(int serviceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var graph = await graphs.GetAsync(db, ct);
        var hops = graph.BlastRadius(serviceId);
        if (hops.Count == 0) return new BlastRadiusResult(serviceId, []);
        // Reading the whole catalog (at most 5,000 short rows) is cheaper than an IN list of
        // hundreds of ids, and a wide blast radius is exactly when it matters.
        var refs = await db.Services.AsNoTracking()
            .Select(s => new ServiceRef(s.Id, s.Key, s.Name, s.Group, s.IsArchived)).ToListAsync(ct);
        return new BlastRadiusResult(serviceId, [.. refs.Where(r => hops.ContainsKey(r.Id)).Select(r => new Dependent(r, hops[r.Id]))
            .OrderBy(d => d.Hops).ThenBy(d => d.Service.Name)]);
    }

    /// <summary>Services that can be chosen in pickers: archived ones are left out.</summary>
    public async Task<IReadOnlyList<ServiceRef>> ChoicesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Services.AsNoTracking().Where(s => !s.IsArchived).OrderBy(s => s.Name)
            .Select(s => new ServiceRef(s.Id, s.Key, s.Name, s.Group, s.IsArchived)).ToListAsync(ct);
    }

    public async Task<(int Id, Guid Version, ServiceInput Input)?> GetForEditAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await db.Services.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        return s is null ? null : (s.Id, s.Version, new ServiceInput
        {
            Key = s.Key, Name = s.Name, Group = s.Group, Description = s.Description, OwnerTeam = s.OwnerTeam, Tier = s.Tier,
            SloPercent = s.SloTarget is { } t ? Math.Round(t * 100, 7) : null, SloWindow = s.SloWindow,
            WeightMajorOutage = s.WeightMajorOutage, WeightPartialOutage = s.WeightPartialOutage, WeightDegraded = s.WeightDegraded,
        });
    }
}
