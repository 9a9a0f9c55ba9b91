using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Actions;

public sealed class ActionQueries(IDbContextFactory<IncidentBoardDbContext> dbFactory, TimeProvider clock, AggregateCache cache)
{
    public const int SummaryPeriodDays = 30;

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// One page of actions; filters, sorting, counting and paging run in SQL. Pages are shared through
    /// <see cref="AggregateCache"/>: counting 100,000 actions is the cost.
    /// </summary>
    public Task<Paged<ActionRow>> ListAsync(Actor viewer, ActionQuery query, CancellationToken ct = default) =>
        cache.GetAsync("action-page", viewer, new { query, day = Today }, token => ComputeListAsync(viewer, query, token), ct);

    private async Task<Paged<ActionRow>> ComputeListAsync(Actor viewer, ActionQuery query, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var filtered = Filter(Visible(db, viewer), query, Today);
        var total = await filtered.CountAsync(ct);
        var items = await Project(Sort(filtered, query, Today), Today)
            .Skip(Math.Max(0, query.Page) * query.PageSize)
            .Take(Math.Clamp(query.PageSize, 1, 500))
            .ToListAsync(ct);
        return new Paged<ActionRow>(items, total);
    }

    /// <summary>Every action matching the filters, for export; capped so one request cannot exhaust memory.</summary>
    public async Task<IReadOnlyList<ActionRow>> ExportAsync(Actor viewer, ActionQuery query, int max = 100_000, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Project(Sort(Filter(Visible(db, viewer), query, Today), query, Today), Today).Take(max).ToListAsync(ct);
    }

    /// <summary>
    /// Counts by status for the filters other than status and overdue (those are what is counted), in one query.
    /// Shared through <see cref="AggregateCache"/>: every visitor of the tracker asks for them.
    /// </summary>
    public Task<ActionSummary> SummaryAsync(Actor viewer, ActionQuery query, CancellationToken ct = default) =>
        cache.GetAsync("action-summary", viewer, new { query, day = Today }, token => ComputeSummaryAsync(viewer, query, token), ct);

    private async Task<ActionSummary> ComputeSummaryAsync(Actor viewer, ActionQuery query, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = Today;
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-SummaryPeriodDays);
        var scope = Filter(Visible(db, viewer), query with { Statuses = null, OverdueOnly = false }, today);
        var counts = await scope.GroupBy(_ => 1).Select(g => new
        {
            Open = g.Count(a => a.Status == ActionStatus.Open),
            InProgress = g.Count(a => a.Status == ActionStatus.InProgress),
            Overdue = g.Count(a => (a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress) && a.DueDate < today),
            Done = g.Count(a => a.Status == ActionStatus.Done && a.CompletedAt >= since),
            WontDo = g.Count(a => a.Status == ActionStatus.WontDo),
        }).SingleOrDefaultAsync(ct);
        return counts is null
            ? new ActionSummary(0, 0, 0, 0, 0, SummaryPeriodDays)
            : new ActionSummary(counts.Open, counts.InProgress, counts.Overdue, counts.Done, counts.WontDo, SummaryPeriodDays);
    }

    public async Task<(int IncidentId, Guid Version, ActionInput Input)?> GetForEditAsync(Actor viewer, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var action = await Visible(db, viewer).SingleOrDefaultAsync(a => a.Id == id, ct);
        return action is null ? null : (action.IncidentId, action.Version, ActionInput.From(action));
    }

    /// <summary>
    /// Incidents for the filter's picker whose title contains <paramref name="search"/> (all when
    /// empty), newest first, at most <paramref name="max"/>: the picker asks as the user types, so no
    /// page builds an item for every incident.
    /// </summary>
    public async Task<IReadOnlyList<IncidentChoice>> IncidentChoicesAsync(Actor viewer, string? search, int max = 20, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var incidents = db.Incidents.AsNoTracking().VisibleTo(viewer);
        if (!string.IsNullOrWhiteSpace(search)) incidents = incidents.Where(i => SqlFunctions.Like(i.Title, LikePattern.Contains(search)));
        return await incidents.OrderByDescending(i => i.StartedAt ?? i.TriggeredAt).Take(Math.Clamp(max, 1, 100))
            .Select(i => new IncidentChoice(i.Id, i.Title)).ToListAsync(ct);
    }

    /// <summary>The incident the address filters by, for the picker to show; null when the viewer may not see it.</summary>
    public async Task<IncidentChoice?> IncidentChoiceAsync(Actor viewer, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Incidents.AsNoTracking().VisibleTo(viewer).Where(i => i.Id == id).Select(i => new IncidentChoice(i.Id, i.Title)).SingleOrDefaultAsync(ct);
    }

    private static IQueryable<RemediationAction> Visible(IncidentBoardDbContext db, Actor viewer) =>
        db.RemediationActions.AsNoTracking().InVisibleIncidents(db.Incidents, viewer, a => a.IncidentId);

    internal static IQueryable<RemediationAction> Filter(IQueryable<RemediationAction> actions, ActionQuery q, DateOnly today)
    {
        if (q.Statuses is { Count: > 0 } statuses) actions = actions.Where(a => statuses.Contains(a.Status));
        if (q.Priorities is { Count: > 0 } priorities) actions = actions.Where(a => priorities.Contains(a.Priority));
        if (q.Kinds is { Count: > 0 } kinds) actions = actions.Where(a => kinds.Contains(a.Kind));
        if (q.OwnerUserId is { } ownerId) actions = actions.Where(a => a.OwnerUserId == ownerId);
        if (q.IncidentId is { } incidentId) actions = actions.Where(a => a.IncidentId == incidentId);
        if (!string.IsNullOrWhiteSpace(q.Owner)) actions = actions.Where(a => a.Owner != null && SqlFunctions.Like(a.Owner, LikePattern.Contains(q.Owner)));
        if (!string.IsNullOrWhiteSpace(q.Team)) actions = actions.Where(a => a.Team != null && SqlFunctions.Like(a.Team, LikePattern.Contains(q.Team)));
        if (!string.IsNullOrWhiteSpace(q.Search)) actions = actions.Where(a => SqlFunctions.Like(a.Title, LikePattern.Contains(q.Search)));
        if (q.OverdueOnly)
            actions = actions.Where(a => (a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress) && a.DueDate < today);
        if (q.DueWithinDays is { } days)
        {
            var until = today.AddDays(Math.Max(0, days));
            actions = actions.Where(a => (a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress) && a.DueDate >= today && a.DueDate <= until);
        }
        return actions;
    }

    private static IQueryable<RemediationAction> Sort(IQueryable<RemediationAction> actions, ActionQuery q, DateOnly today)
    {
        var d = q.Descending;
        IOrderedQueryable<RemediationAction> sorted = q.Sort switch
        {
            // Most urgent first, so a fresh outage's overdue follow-ups are on page 1 (see ActionSort.Urgency).
            ActionSort.Urgency => actions
                .OrderByDescending(a => (a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress) && a.DueDate < today)
                .ThenBy(a => a.Status == ActionStatus.Done || a.Status == ActionStatus.WontDo)
                .ThenBy(a => a.DueDate == null).ThenBy(a => a.DueDate)
                .ThenBy(a => a.Priority)
                .ThenByDescending(a => a.Incident!.StartedAt ?? a.Incident.TriggeredAt),
            // Actions without a due date go last whichever way due dates are sorted.
            ActionSort.Due => d ? actions.OrderBy(a => a.DueDate == null).ThenByDescending(a => a.DueDate) : actions.OrderBy(a => a.DueDate == null).ThenBy(a => a.DueDate),
            ActionSort.Priority => d ? actions.OrderByDescending(a => a.Priority) : actions.OrderBy(a => a.Priority),
            ActionSort.Status => d ? actions.OrderByDescending(a => a.Status) : actions.OrderBy(a => a.Status),
            ActionSort.Age => d ? actions.OrderBy(a => a.CreatedAt) : actions.OrderByDescending(a => a.CreatedAt),
            ActionSort.Title => d ? actions.OrderByDescending(a => a.Title) : actions.OrderBy(a => a.Title),
            _ => d ? actions.OrderByDescending(a => a.Owner) : actions.OrderBy(a => a.Owner),
        };
        return sorted.ThenBy(a => a.Id);
    }

    private static IQueryable<ActionRow> Project(IQueryable<RemediationAction> actions, DateOnly today) =>
        actions.Select(a => new ActionRow(a.Id, a.IncidentId, a.Incident!.Slug, a.Incident.Title, a.Title, a.Description,
            a.Owner, a.Team, a.Priority, a.Kind, a.Status, a.WontDoReason, a.DueDate, a.CreatedAt, a.CompletedAt, a.ExternalUrl,
            (a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress) && a.DueDate < today, a.Version,
            a.OwnerUserId != null, a.CreatedBy));
}
