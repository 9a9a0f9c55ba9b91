using Dashboard.Data.Review;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Changes;

/// <summary>One kind of change: how many of the period's incidents a change of that kind is marked on, and their share of all the period's incidents.</summary>
public sealed record ChangeKindShare(ChangeKind Kind, int Incidents, double Share);

/// <summary>A service whose changes were marked on <paramref name="Incidents"/> of the period's incidents (as trigger or contributing).</summary>
public sealed record ChangeServiceStat(string Key, string Name, int Incidents, int Triggers);

/// <summary>
/// The review's view of changes: the share of the period's incidents linked to a change (marked as the
/// trigger or contributing), that share by the change's kind, and the services whose changes most often preceded an incident.
/// </summary>
public sealed record ChangeReviewStats(int Incidents, int Linked, IReadOnlyList<ChangeKindShare> ByKind, IReadOnlyList<ChangeServiceStat> Services)
{
    /// <summary>Null without incidents: 0 % of nothing says too much.</summary>
    public double? LinkedShare => Incidents == 0 ? null : (double)Linked / Incidents;
}

public sealed partial class ChangeQueries
{
    /// <summary>Services listed in the review, most incidents first.</summary>
    public const int ReviewServices = 10;

    /// <summary>The period's incidents the viewer may see (the review's own filter), and the changes marked on them.</summary>
    public Task<ChangeReviewStats> ReviewAsync(Actor viewer, ReviewQuery query, CancellationToken ct = default) =>
        cache.GetAsync("change-review", viewer, query, token => ComputeReviewAsync(viewer, query, token), ct);

    private async Task<ChangeReviewStats> ComputeReviewAsync(Actor viewer, ReviewQuery query, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var period = ReviewQueries.Filter(db.Incidents.AsNoTracking(), query, viewer);
        var incidents = await period.CountAsync(ct);
        // Marks are few (a handful per incident at most): one row per mark and touched service, summed here.
        var rows = await (from m in db.ChangeMarks.AsNoTracking()
                          join i in period on m.IncidentId equals i.Id
                          from s in m.ChangeEvent!.Services
                          select new { m.IncidentId, m.ChangeEvent!.Kind, m.Role, s.Service!.Key, s.Service.Name }).ToListAsync(ct);
        return Summarise(incidents, [.. rows.Select(r => new MarkedRow(r.IncidentId, r.Kind, r.Role, r.Key, r.Name))]);
    }

    /// <summary>One marked change's touched service on one incident.</summary>
    public sealed record MarkedRow(int IncidentId, ChangeKind Kind, ChangeRole Role, string ServiceKey, string ServiceName);

    /// <summary>
    /// An incident counts once however many changes are marked on it; under each kind it has a marked
    /// change of; and for each service one of its marked changes touched. Ties are broken by name, so the order is stable.
    /// </summary>
    public static ChangeReviewStats Summarise(int incidents, IReadOnlyList<MarkedRow> rows)
    {
        var linked = rows.Select(r => r.IncidentId).Distinct().Count();
        var byKind = rows.GroupBy(r => r.Kind)
            .Select(g => new ChangeKindShare(g.Key, g.Select(r => r.IncidentId).Distinct().Count(), incidents == 0 ? 0 : (double)g.Select(r => r.IncidentId).Distinct().Count() / incidents))
            .OrderByDescending(k => k.Incidents).ThenBy(k => k.Kind).ToList();
        var services = rows.GroupBy(r => r.ServiceKey)
            .Select(g => new ChangeServiceStat(g.Key, g.First().ServiceName, g.Select(r => r.IncidentId).Distinct().Count(),
                g.Where(r => r.Role == ChangeRole.Trigger).Select(r => r.IncidentId).Distinct().Count()))
            .OrderByDescending(s => s.Incidents).ThenByDescending(s => s.Triggers).ThenBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Take(ReviewServices).ToList();
        return new ChangeReviewStats(incidents, linked, byKind, services);
    }
}
