using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Factors;

public sealed record FactorEvidence(int EventId, DateTime OccurredAt, EventKind Kind, string Text);

public sealed record FactorAction(int ActionId, string Title, ActionStatus Status);

public sealed record FactorView(int Id, string Statement, string Category, Guid Version,
    IReadOnlyList<FactorEvidence> Evidence, IReadOnlyList<FactorAction> Actions);

/// <summary>What a factor can link to: the incident's events and actions.</summary>
public sealed record FactorChoices(IReadOnlyList<(int Id, DateTime OccurredAt, string Text)> Events, IReadOnlyList<(int Id, string Title)> Actions);

public sealed class FactorQueries(IDbContextFactory<IncidentBoardDbContext> dbFactory, AggregateCache cache)
{
    /// <summary>An incident's factors in their order, with their evidence and actions; empty for an incident the viewer may not see.</summary>
    public Task<IReadOnlyList<FactorView>> ListAsync(Actor viewer, int incidentId, CancellationToken ct = default) =>
        cache.GetAsync("incident-factors", viewer, incidentId, token => ComputeListAsync(viewer, incidentId, token), ct);

    private async Task<IReadOnlyList<FactorView>> ComputeListAsync(Actor viewer, int incidentId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = db.Incidents.VisibleTo(viewer).Where(i => i.Id == incidentId).Select(i => i.Id);
        return await Project(db.Factors.AsNoTracking().Where(f => visible.Contains(f.IncidentId))).ToListAsync(ct);
    }

    /// <summary>The incident's events and actions, for the dialog's choices; empty for an incident the viewer may not see.</summary>
    public async Task<FactorChoices> ChoicesAsync(Actor viewer, int incidentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = db.Incidents.VisibleTo(viewer).Where(i => i.Id == incidentId).Select(i => i.Id);
        var events = await db.TimelineEvents.AsNoTracking().Where(e => visible.Contains(e.IncidentId)).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.OccurredAt, e.Text }).ToListAsync(ct);
        var actions = await db.RemediationActions.AsNoTracking().Where(a => visible.Contains(a.IncidentId)).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.Title }).ToListAsync(ct);
        return new FactorChoices([.. events.Select(e => (e.Id, e.OccurredAt, e.Text))], [.. actions.Select(a => (a.Id, a.Title))]);
    }

    /// <summary>The projection every reader of factors shares (the incident page, the postmortem, the API).</summary>
    public static IQueryable<FactorView> Project(IQueryable<Factor> factors) =>
        factors.OrderBy(f => f.SortOrder).ThenBy(f => f.Id).Select(f => new FactorView(f.Id, f.Statement, f.Category, f.Version,
            f.Evidence.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).Select(e => new FactorEvidence(e.Id, e.OccurredAt, e.Kind, e.Text)).ToList(),
            f.Actions.OrderBy(a => a.Id).Select(a => new FactorAction(a.Id, a.Title, a.Status)).ToList()));
}
