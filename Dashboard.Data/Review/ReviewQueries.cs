using System.Globalization;
using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Actions;
using Dashboard.Data.Learning;

namespace Dashboard.Data.Review;

/// <summary>
/// The leadership review of a period. Counts and groupings run in SQL; medians, percentiles and
/// the merging of overlapping impact windows run in C# over narrow projections (SQLite has no
/// percentile function), each a single query.
/// The report is shared through <see cref="AggregateCache"/> (the app's
/// case): twenty people opening the review at the start of a meeting compute it once.
/// </summary>
public sealed class ReviewQueries(IDbContextFactory<IncidentBoardDbContext> dbFactory, TimeProvider clock, AggregateCache cache)
{
    public const int IncidentListLimit = 200;
    /// <summary>The strip plot draws at most this many incidents (the most recent); its medians and intervals use all of them.</summary>
    public const int PointLimit = 500;
    private const int TopServices = 5;

    public Task<ReviewReport> GetAsync(Actor viewer, ReviewQuery query, CancellationToken ct = default) =>
        // "Overdue" and the months up to now depend on the day, so the day is part of the key.
        cache.GetAsync("review", viewer, new { query, day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime) }, token => ComputeAsync(viewer, query, token), ct);

    private async Task<ReviewReport> ComputeAsync(Actor viewer, ReviewQuery query, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The parts are independent reads, each on its own context and connection. Microsoft.Data.Sqlite
        // runs "async" queries synchronously, so Task.Run is what lets them overlap on a second core:
        // the all-time review over 10,000 incidents and 100,000 actions is then bounded by its
        // slowest part instead of the sum of all of them.
        var phasesTask = Task.Run(() => PhasesAsync(viewer, query, ct), ct);
        var servicesTask = Task.Run(() => ServicesAsync(viewer, query, ct), ct);
        var actionsTask = Task.Run(() => ActionsAsync(viewer, query, now, ct), ct);
        var listTask = Task.Run(() => IncidentListAsync(viewer, query, ct), ct);
        var nearMissesTask = Task.Run(() => NearMissesAsync(viewer, query, ct), ct);
        // A bounded period is compared with the one of the same length just before it.
        var previousQuery = query is { From: { } from, To: { } to } && to > from ? query with { From = from - (to - from), To = from } : null;
        var previousTask = previousQuery is null ? Task.FromResult<List<Phases>?>(null) : Task.Run<List<Phases>?>(async () => await PhasesAsync(viewer, previousQuery, ct), ct);
        var phases = await phasesTask;
        var months = await Task.Run(() => MonthsAsync(viewer, query, [.. phases.Select(p => (p.Severity, Start: p.StartedAt ?? p.TriggeredAt, p.ResolvedAt))], now, ct), ct);
        var services = await servicesTask;

        var bySeverity = phases.GroupBy(p => p.Severity).OrderBy(g => g.Key).Select(g => new SeverityStats(g.Key, g.Count(),
            Stat(g.Select(p => p.Of(DurationPhase.Detect))),
            Stat(g.Select(p => p.Of(DurationPhase.Mitigate))),
            Stat(g.Select(p => p.Of(DurationPhase.Resolve))))).ToList();
        var previous = await previousTask;
        var overview = Enum.GetValues<DurationPhase>().Select(phase =>
        {
            var current = phases.Select(p => p.Of(phase)).ToList();
            if (previous is null) return new PhaseOverview(phase, Stat(current), null, null);
            var before = previous.Select(p => p.Of(phase)).ToList();
            return new PhaseOverview(phase, Stat(current), Stat(before),
                DurationStatistics.Compare([.. current.OfType<double>()], [.. before.OfType<double>()]));
        }).ToList();
        var points = phases.OrderByDescending(p => p.StartedAt ?? p.TriggeredAt).ThenByDescending(p => p.Id).Take(PointLimit)
            .Select(p => new DurationPoint(p.Slug, p.Title, p.Severity, p.Of(DurationPhase.Detect), p.Of(DurationPhase.Mitigate), p.Of(DurationPhase.Resolve)))
            .ToList();
        return new ReviewReport(
            query,
            phases.Count,
            bySeverity,
            services.ImpactMinutes,
            services.ByIncidents,
            services.ByImpact,
            await actionsTask,
            phases.Count(p => p.PostmortemStatus != PostmortemStatus.Published),
            months,
            await listTask,
            overview,
            previousQuery is null ? null : new PreviousPeriod(previousQuery.From!.Value, previousQuery.To!.Value, previous!.Count),
            points) { NearMisses = await nearMissesTask };
    }

    private async Task<int> NearMissesAsync(Actor viewer, ReviewQuery query, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Period(db.Incidents.AsNoTracking(), query, viewer).CountAsync(i => i.IsNearMiss, ct);
    }

    private sealed record Phases(int Id, string Slug, string Title, Severity Severity, DateTime? TriggeredAt, DateTime? StartedAt, DateTime? DetectedAt,
        DateTime? MitigatedAt, DateTime? ResolvedAt, PostmortemStatus PostmortemStatus)
    {
        /// <summary>Minutes from the start of impact (or the trigger) to the phase; null when a time is missing.</summary>
        public double? Of(DurationPhase phase) => Minutes(StartedAt ?? TriggeredAt, phase switch
        {
            DurationPhase.Detect => DetectedAt,
            DurationPhase.Mitigate => MitigatedAt,
            _ => ResolvedAt,
        });
    }

    private sealed record ServiceStats(double ImpactMinutes, IReadOnlyList<ServiceStat> ByIncidents, IReadOnlyList<ServiceStat> ByImpact);

    private async Task<List<Phases>> PhasesAsync(Actor viewer, ReviewQuery query, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Filter(db.Incidents.AsNoTracking(), query, viewer)
            .Select(i => new Phases(i.Id, i.Slug, i.Title, i.Severity, i.TriggeredAt, i.StartedAt, i.DetectedAt, i.MitigatedAt, i.ResolvedAt, i.PostmortemStatus))
            .ToListAsync(ct);
    }

    /// <summary>Impact minutes in total and the services with the most incidents and the most impact.</summary>
    private async Task<ServiceStats> ServicesAsync(Actor viewer, ReviewQuery query, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Windows without a published end run to their incident's resolution; without that either they are left out.
        var windows = await (from x in db.ServiceImpacts.AsNoTracking()
                             join i in Filter(db.Incidents.AsNoTracking(), query, viewer) on x.IncidentId equals i.Id
                             select new { x.ServiceId, x.IncidentId, x.StartedAt, End = x.EndedAt ?? i.ResolvedAt })
            .ToListAsync(ct);
        var closedWindows = windows.Where(w => w.End is not null).Select(w => (w.ServiceId, w.StartedAt, End: w.End!.Value)).ToList();
        var impactByService = closedWindows.GroupBy(w => w.ServiceId).ToDictionary(g => g.Key, g => ReliabilityMath.ImpactMinutes(g));
        var incidentsByService = windows.GroupBy(w => w.ServiceId).ToDictionary(g => g.Key, g => g.Select(w => w.IncidentId).Distinct().Count());
        var topByIncidents = incidentsByService.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(TopServices).Select(p => p.Key).ToList();
        var topByImpact = impactByService.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(TopServices).Select(p => p.Key).ToList();
        var topIds = topByIncidents.Union(topByImpact).ToList();
        var names = await db.Services.AsNoTracking().Where(s => topIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        ServiceStat StatOf(int id) => new(id, names.GetValueOrDefault(id, "?"), incidentsByService.GetValueOrDefault(id), impactByService.GetValueOrDefault(id));
        return new ServiceStats(ReliabilityMath.ImpactMinutes(closedWindows), [.. topByIncidents.Select(StatOf)], [.. topByImpact.Select(StatOf)]);
    }

    /// <summary>The organisations of the incidents the viewer sees, for the review's filter; shared like the report.</summary>
    public Task<IReadOnlyList<string>> OrganisationsAsync(Actor viewer, CancellationToken ct = default) =>
        cache.GetAsync("organisations", viewer, "", token => ComputeOrganisationsAsync(viewer, token), ct);

    private async Task<IReadOnlyList<string>> ComputeOrganisationsAsync(Actor viewer, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Incidents.AsNoTracking().VisibleTo(viewer).Select(i => i.Organisation).Distinct().OrderBy(o => o).ToListAsync(ct);
    }

    /// <summary>
    /// The period's incidents, as far as the viewer may see them (private incidents stay out of every
    /// aggregate). Near misses are not among them: they had no customer impact, so they are counted
    /// apart and kept out of the durations, the impact and the error budgets.
    /// </summary>
    internal static IQueryable<Incident> Filter(IQueryable<Incident> incidents, ReviewQuery q, Actor viewer) =>
        Period(incidents, q, viewer).Where(i => !i.IsNearMiss);

    /// <summary>The period's incidents and near misses, as far as the viewer may see them.</summary>
    private static IQueryable<Incident> Period(IQueryable<Incident> incidents, ReviewQuery q, Actor viewer)
    {
        incidents = incidents.VisibleTo(viewer);
        if (q.From is { } from) incidents = incidents.Where(i => (i.StartedAt ?? i.TriggeredAt) >= from);
        if (q.To is { } to) incidents = incidents.Where(i => (i.StartedAt ?? i.TriggeredAt) < to);
        if (q.Severities is { Count: > 0 } severities) incidents = incidents.Where(i => severities.Contains(i.Severity));
        if (!string.IsNullOrWhiteSpace(q.Organisation)) incidents = incidents.Where(i => i.Organisation == q.Organisation);
        if (q.ServiceId is { } serviceId) incidents = incidents.Where(i => i.Impacts.Any(x => x.ServiceId == serviceId));
        return incidents;
    }

    /// <summary>
    /// Actions of the incidents a query selects. Without any filter that is every action, and the
    /// IN (SELECT …) over all incidents is skipped: it is the most expensive part of the review.
    /// </summary>
    private static IQueryable<RemediationAction> ActionsOf(IncidentBoardDbContext db, ReviewQuery q, Actor viewer)
    {
        var actions = db.RemediationActions.AsNoTracking();
        if (q is { From: null, To: null, ServiceId: null, Organisation: null } && (q.Severities is null || q.Severities.Count == 0) && viewer.SeesAllIncidents)
            return actions;
        // Near misses' follow-ups count with the rest: learning from them is the point of recording them.
        var incidents = Period(db.Incidents.AsNoTracking(), q, viewer);
        return actions.Where(a => incidents.Select(i => i.Id).Contains(a.IncidentId));
    }

    private async Task<ActionStats> ActionsAsync(Actor viewer, ReviewQuery q, DateTime now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = DateOnly.FromDateTime(now);
        var counts = await ActionsOf(db, q, viewer)
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Total = g.Count(),
                Open = g.Count(a => a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress),
                Overdue = g.Count(a => (a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress) && a.DueDate < today),
                Done = g.Count(a => a.Status == ActionStatus.Done),
                WontDo = g.Count(a => a.Status == ActionStatus.WontDo),
            }).SingleOrDefaultAsync(ct);
        // "Done in the period" looks at every action of incidents matching the filters, whenever they
        // happened: follow-ups of last year's incidents finished this quarter count for this quarter.
        var doneInPeriod = await ActionsOf(db, q with { From = null, To = null }, viewer)
            .Where(a => a.Status == ActionStatus.Done && a.CompletedAt != null
                        && (q.From == null || a.CompletedAt >= q.From) && (q.To == null || a.CompletedAt < q.To))
            .CountAsync(ct);
        if (counts is null) return new ActionStats(0, 0, 0, 0, 0, doneInPeriod, null);
        var countable = counts.Total - counts.WontDo;
        return new ActionStats(counts.Total, counts.Open, counts.Overdue, counts.Done, counts.WontDo, doneInPeriod,
            countable > 0 ? (double)counts.Done / countable : null);
    }

    private async Task<List<MonthPoint>> MonthsAsync(Actor viewer, ReviewQuery q,
        List<(Severity Severity, DateTime? Start, DateTime? Resolved)> incidents, DateTime now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var starts = incidents.Where(i => i.Start is not null).Select(i => i.Start!.Value).ToList();
        if (starts.Count == 0) return [];
        // Only the months that can hold data: a custom range from year 1 must not build 24,000
        // empty months, and incidents dated after "now" (a clock ahead) still get their month.
        var (dataFirst, dataLast) = (starts.Min(), starts.Max());
        var first = q.From is { } from && from > dataFirst ? from : dataFirst;
        var last = dataLast > now ? dataLast : now;
        if (q.To is { } to && to.AddTicks(-1) < last) last = to.AddTicks(-1);
        if (last < first) return [];
        var months = ReliabilityMath.Months(first, last).ToList();

        // Actions opened and closed per UTC month, for the incidents matching the filters (any
        // period); what happened before the first month only sets the starting backlog.
        var actions = ActionsOf(db, q with { From = null, To = null }, viewer);
        var firstMonth = months[0].ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        // Filtered and grouped on the month text itself, so the expression indexes of migration
        // ActionMonthIndexes answer both from the index alone (no temp B-tree, no table rows).
        var firstKey = months[0].ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var lastKey = months[^1].ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var opened = await actions.Select(a => SqlFunctions.YearMonth(a.CreatedAt))
            .Where(m => string.Compare(m, firstKey) >= 0 && string.Compare(m, lastKey) <= 0)
            .GroupBy(m => m).Select(g => new { Month = g.Key, Count = g.Count() }).ToListAsync(ct);
        var closed = await actions.Where(a => a.Status == ActionStatus.Done && a.CompletedAt != null)
            .Select(a => SqlFunctions.YearMonth(a.CompletedAt!.Value))
            .Where(m => string.Compare(m, firstKey) >= 0 && string.Compare(m, lastKey) <= 0)
            .GroupBy(m => m).Select(g => new { Month = g.Key, Count = g.Count() }).ToListAsync(ct);
        // Two plain WHERE counts use the date indexes; for all time they touch nothing.
        var backlog = await actions.CountAsync(a => a.CreatedAt < firstMonth, ct)
                      - await actions.CountAsync(a => a.Status == ActionStatus.Done && a.CompletedAt < firstMonth, ct);
        var openedBy = opened.ToDictionary(o => ParseMonth(o.Month), o => o.Count);
        var closedBy = closed.ToDictionary(o => ParseMonth(o.Month), o => o.Count);

        var byMonth = incidents.Where(i => i.Start is not null).ToLookup(i => ReliabilityMath.MonthOf(i.Start!.Value));
        var points = new List<MonthPoint>(months.Count);
        foreach (var m in months)
        {
            var inMonth = byMonth[m].ToList();
            var o = openedBy.GetValueOrDefault(m);
            var c = closedBy.GetValueOrDefault(m);
            backlog += o - c;
            var resolved = inMonth.Select(i => Minutes(i.Start, i.Resolved)).OfType<double>().ToList();
            points.Add(new MonthPoint(m,
                inMonth.GroupBy(i => i.Severity).ToDictionary(g => g.Key, g => g.Count()),
                ReliabilityMath.Median(resolved), resolved.Count,
                o, c, backlog));
        }
        return points;
    }

    private static DateOnly ParseMonth(string yearMonth) =>
        DateOnly.ParseExact(yearMonth + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<List<ReviewIncident>> IncidentListAsync(Actor viewer, ReviewQuery query, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await Filter(db.Incidents.AsNoTracking(), query, viewer).OrderByDescending(i => i.StartedAt ?? i.TriggeredAt).ThenByDescending(i => i.Id).Take(IncidentListLimit)
            .Select(i => new
            {
                i.Slug, i.Title, i.Organisation, i.Severity, Start = i.StartedAt ?? i.TriggeredAt, i.DurationMinutes, i.PostmortemStatus,
                Done = i.Actions.Count(a => a.Status == ActionStatus.Done),
                Total = i.Actions.Count(a => a.Status != ActionStatus.WontDo),
                Summary = i.Summary.Substring(0, 400),
            }).ToListAsync(ct);
        return [.. rows.Select(r => new ReviewIncident(r.Slug, r.Title, r.Organisation, r.Severity, r.Start, r.DurationMinutes, r.PostmortemStatus,
            r.Done, r.Total, OneLine(r.Summary)))];
    }

    /// <summary>The summary's first sentence, without Markdown emphasis, at most 160 characters.</summary>
    public static string OneLine(string summary)
    {
        var text = summary.Replace("**", "").Replace("\r", " ").Replace("\n", " ").Trim();
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        if (end > 0) text = text[..(end + 1)];
        return text.Length <= 160 ? text : text[..159].TrimEnd() + "…";
    }

    private static DurationStat Stat(IEnumerable<double?> minutes)
    {
        var list = minutes.ToList();
        var measured = list.OfType<double>().ToList();
        return new DurationStat(ReliabilityMath.Median(measured), ReliabilityMath.Percentile(measured, 90), measured.Count, list.Count - measured.Count,
            DurationStatistics.MedianInterval(measured));
    }

    /// <summary>Minutes between two phase times; null when either is missing, so it is counted as missing, not as zero.</summary>
    private static double? Minutes(DateTime? from, DateTime? to) => from is { } f && to is { } t ? (t - f).TotalMinutes : null;
}
