using Dashboard.Data.Incidents;
using Dashboard.Data.Learning;
using Dashboard.Data.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Dashboard.Data.Catalog;

namespace Dashboard.Data.Budgets;

/// <summary>
/// Error budgets per incident and over the review period. The arithmetic is <see cref="ErrorBudget"/>;
/// these queries only gather the windows. A window without a published end counts until the
/// incident's resolution, as everywhere else, or until now while the incident is unresolved.
/// Incidents are read through <see cref="Incidents.Visibility"/>, the one place their visibility is decided.
/// </summary>
public sealed class BudgetQueries(IDbContextFactory<IncidentBoardDbContext> dbFactory, TimeProvider clock, IOptions<BudgetOptions> options,
    AggregateCache cache)
{
    public const int TopChargeLimit = 10;

    private double Required => options.Value.PostmortemRequiredShare;

    public async Task<IncidentBudget> ForIncidentAsync(Actor actor, int incidentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await Windows(db, db.Incidents.VisibleTo(actor).Where(i => i.Id == incidentId), withSloOnly: false).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var lines = rows.GroupBy(r => r.ServiceId).Select(g =>
        {
            var first = g.First();
            var slo = Slo.Of(first.SloTarget, first.SloWindow, first.Major, first.Partial, first.Degraded);
            var windows = g.Select(r => r.Charge).ToList();
            var minutes = ReliabilityMath.Merge(windows.Select(w => (w.Start, w.End ?? now))).Sum(w => (w.End - w.Start).TotalMinutes);
            return new ServiceBudgetLine(first.ServiceKey, first.ServiceName, slo, minutes, slo is null ? null : ErrorBudget.IncidentUse(windows, slo, now));
        }).OrderByDescending(l => l.Use?.Share ?? -1).ThenBy(l => l.ServiceName, StringComparer.Ordinal).ToList();
        return new IncidentBudget(lines, Required);
    }

    /// <summary>Burn per service with an SLO over the period (the review's filters pick the incidents), the heaviest charges, and the required postmortems still missing.</summary>
    /// <remarks>
    /// Part of the review, so shared like its report (see <see cref="ReviewQueries"/>). An unresolved
    /// incident burns budget as time passes, so the minute is part of the key: the burn is at most a
    /// minute old, and any write is seen at once.
    /// </remarks>
    public Task<BudgetReview> ForReviewAsync(Actor actor, ReviewQuery query, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        now = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);
        return cache.GetAsync("budgets", actor, new { query, now }, token => ComputeReviewAsync(actor, query, now, token), ct);
    }

    private async Task<BudgetReview> ComputeReviewAsync(Actor actor, ReviewQuery query, DateTime now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var incidents = ReviewQueries.Filter(db.Incidents.AsNoTracking(), query, actor);
        var rows = await Windows(db, incidents, withSloOnly: true).ToListAsync(ct);
        if (rows.Count == 0) return new BudgetReview([], [], [], Required);

        var from = query.From ?? rows.Min(r => r.Charge.Start);
        var to = query.To ?? now;
        var burns = rows.GroupBy(r => r.ServiceId).Select(g =>
        {
            var f = g.First();
            var slo = new Slo(f.SloTarget!.Value, f.SloWindow, f.Major, f.Partial, f.Degraded);
            return new ServiceBurn(f.ServiceKey, f.ServiceName, slo, ErrorBudget.Burn([.. g.Select(r => r.Charge)], slo, now, from, to));
        }).OrderByDescending(b => b.Peak).ToList();

        var charges = rows.GroupBy(r => (r.IncidentId, r.ServiceId)).Select(g =>
        {
            var f = g.First();
            var use = ErrorBudget.IncidentUse([.. g.Select(r => r.Charge)], new Slo(f.SloTarget!.Value, f.SloWindow, f.Major, f.Partial, f.Degraded), now);
            return new IncidentCharge(f.Slug, f.Title, f.StartedAt, f.ServiceName, use.ChargedMinutes, use.Share, f.Published);
        }).ToList();
        // Per incident, its heaviest charge stands for it.
        var heaviest = charges.GroupBy(c => c.Slug).Select(g => g.MaxBy(c => c.Share)!).OrderByDescending(c => c.Share).ToList();
        return new BudgetReview(burns, [.. heaviest.Take(TopChargeLimit)],
            [.. heaviest.Where(c => c.Share > Required && !c.HasPublishedPostmortem)], Required);
    }

    /// <summary>
    /// Which of these incidents the error-budget rule requires a postmortem for (one of their services
    /// lost more than the configured share of its budget, as <see cref="IncidentBudget.RequiresPostmortem"/>
    /// says for one incident), in one query. The caller has already applied the visibility rule to the ids.
    /// </summary>
    public async Task<IReadOnlySet<int>> RequiringPostmortemAsync(IReadOnlyCollection<int> incidentIds, CancellationToken ct = default)
    {
        if (incidentIds.Count == 0) return new HashSet<int>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await Windows(db, db.Incidents.AsNoTracking().Where(i => incidentIds.Contains(i.Id)), withSloOnly: true).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return rows.GroupBy(r => (r.IncidentId, r.ServiceId)).Where(g =>
        {
            var f = g.First();
            return ErrorBudget.IncidentUse([.. g.Select(r => r.Charge)], new Slo(f.SloTarget!.Value, f.SloWindow, f.Major, f.Partial, f.Degraded), now).Share > Required;
        }).Select(g => g.Key.IncidentId).ToHashSet();
    }

    private sealed record WindowRow(int IncidentId, string Slug, string Title, DateTime? StartedAt, bool Published, int ServiceId, string ServiceKey, string ServiceName,
        double? SloTarget, SloWindow SloWindow, double Major, double Partial, double Degraded, ChargeWindow Charge);

    private static IQueryable<WindowRow> Windows(IncidentBoardDbContext db, IQueryable<Incident> incidents, bool withSloOnly) =>
        from x in db.ServiceImpacts.AsNoTracking()
        join i in incidents on x.IncidentId equals i.Id
        // A near miss had no customer impact: whatever windows it records charge no budget.
        where !i.IsNearMiss
        where !withSloOnly || x.Service!.SloTarget != null
        select new WindowRow(i.Id, i.Slug, i.Title, i.StartedAt ?? i.TriggeredAt, i.PostmortemStatus == PostmortemStatus.Published,
            x.ServiceId, x.Service!.Key, x.Service.Name, x.Service.SloTarget, x.Service.SloWindow,
            x.Service.WeightMajorOutage, x.Service.WeightPartialOutage, x.Service.WeightDegraded,
            new ChargeWindow(x.StartedAt, x.EndedAt ?? i.ResolvedAt, x.Level));
}
