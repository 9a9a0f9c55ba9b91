using Dashboard.Data.Actions;
using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.MyWork;

public sealed record MyIncident(string Slug, string Title, Severity Severity, IncidentStatus Status, DateTime? StartedAt, IReadOnlyList<IncidentRole> Roles)
{
    public string RolesText => string.Join(", ", Roles.Select(Names.Of));
}

public sealed record WaitingPostmortem(string Slug, string Title, Severity Severity, DateTime? SubmittedAt, string? SubmittedBy);

/// <summary>What one person has to do: their open actions (overdue first), the incidents where they hold a role, and for admins the postmortems waiting for review.</summary>
public sealed record MyWorkView(IReadOnlyList<ActionRow> Actions, int ActionsTotal, IReadOnlyList<MyIncident> Incidents, IReadOnlyList<WaitingPostmortem>? Reviews);

public sealed class MyWorkQueries(IDbContextFactory<IncidentBoardDbContext> dbFactory, ActionQueries actions)
{
    public const int Limit = 100;

    public async Task<MyWorkView> GetAsync(Actor viewer, CancellationToken ct = default)
    {
        if (viewer.UserId is not { } me) return new MyWorkView([], 0, [], null);
        var mine = await actions.ListAsync(viewer, new ActionQuery(Statuses: [ActionStatus.Open, ActionStatus.InProgress], OwnerUserId: me,
            Sort: ActionSort.Due, PageSize: Limit), ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var held = await db.IncidentParticipants.AsNoTracking()
            .Where(p => p.UserId == me && p.Role != IncidentRole.Member)
            .Select(p => new { p.Role, p.IncidentId }).ToListAsync(ct);
        var ids = held.Select(h => h.IncidentId).Distinct().ToList();
        var incidents = await db.Incidents.AsNoTracking().VisibleTo(viewer).Where(i => ids.Contains(i.Id))
            .OrderBy(i => i.Status == IncidentStatus.Resolved || i.Status == IncidentStatus.Closed).ThenByDescending(i => i.StartedAt ?? i.TriggeredAt)
            .Take(Limit)
            .Select(i => new { i.Id, i.Slug, i.Title, i.Severity, i.Status, Started = i.StartedAt ?? i.TriggeredAt }).ToListAsync(ct);

        IReadOnlyList<WaitingPostmortem>? reviews = null;
        if (viewer.May(Permission.Administer))
        {
            reviews = await db.Incidents.AsNoTracking().VisibleTo(viewer).Where(i => i.PostmortemStatus == PostmortemStatus.InReview)
                .Select(i => new { i.Slug, i.Title, i.Severity, Last = i.PostmortemHistory.OrderByDescending(t => t.At).ThenByDescending(t => t.Id).FirstOrDefault() })
                .OrderBy(x => x.Last == null ? null : (DateTime?)x.Last.At).Take(Limit)
                .Select(x => new WaitingPostmortem(x.Slug, x.Title, x.Severity, x.Last == null ? null : x.Last.At, x.Last == null ? null : x.Last.By))
                .ToListAsync(ct);
        }
        return new MyWorkView(mine.Items, mine.Total,
            [.. incidents.Select(i => new MyIncident(i.Slug, i.Title, i.Severity, i.Status, i.Started,
                [.. held.Where(h => h.IncidentId == i.Id).Select(h => h.Role).Order()]))],
            reviews);
    }
}
