using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Actions;

public sealed record ActionResult(int? Id, IReadOnlyDictionary<string, string> Errors, string? Conflict = null)
{
    public bool Succeeded => Errors.Count == 0 && Conflict is null;
}

public sealed class ActionCommands(IDbContextFactory<IncidentBoardDbContext> dbFactory, TimeProvider clock)
{
    public const string StaleMessage = "Someone else changed this action after you opened it. Reload to see their version; your changes were not saved.";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private DateOnly Today => DateOnly.FromDateTime(Now);

    public async Task<ActionResult> CreateAsync(int incidentId, ActionInput input, CancellationToken ct = default)
    {
        var errors = ActionRules.Validate(input, Today);
        if (errors.Count > 0) return new ActionResult(null, errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Incidents.AnyAsync(i => i.Id == incidentId, ct))
            return new ActionResult(null, errors, "The incident no longer exists.");
        var action = new RemediationAction { IncidentId = incidentId, Title = "", CreatedAt = Now };
        Apply(action, input);
        db.RemediationActions.Add(action);
        await db.SaveChangesAsync(ct);
        return new ActionResult(action.Id, errors);
    }

    /// <summary>Saves every field; refused when the action changed since <paramref name="version"/> was read.</summary>
    public Task<ActionResult> UpdateAsync(int id, Guid version, ActionInput input, CancellationToken ct = default)
    {
        var errors = ActionRules.Validate(input, Today);
        return errors.Count > 0
            ? Task.FromResult(new ActionResult(id, errors))
            : SaveAsync(id, version, a => Apply(a, input), ct);
    }

    /// <summary>Moves an action to another status (the board's move); won't do needs a reason.</summary>
    public Task<ActionResult> SetStatusAsync(int id, Guid version, ActionStatus status, string? wontDoReason = null, CancellationToken ct = default)
    {
        if (status == ActionStatus.WontDo && string.IsNullOrWhiteSpace(wontDoReason))
            return Task.FromResult(new ActionResult(id, new Dictionary<string, string> { [nameof(ActionInput.WontDoReason)] = "Say why it won't be done: a reason is required." }));
        return SaveAsync(id, version, a => ActionRules.ApplyStatus(a, status, wontDoReason, Now), ct);
    }

    public async Task<bool> DeleteAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.RemediationActions.Where(a => a.Id == id).ExecuteDeleteAsync(ct) > 0;
    }

    private async Task<ActionResult> SaveAsync(int id, Guid version, Action<RemediationAction> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var action = await db.RemediationActions.SingleOrDefaultAsync(a => a.Id == id, ct);
        var none = new Dictionary<string, string>();
        if (action is null) return new ActionResult(id, none, "This action no longer exists; someone deleted it.");
        // EF's UPDATE … WHERE Version = @read touches no row if another save came in between.
        db.Entry(action).Property(a => a.Version).OriginalValue = version;
        change(action);
        action.UpdatedAt = Now;
        action.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(ct);
            return new ActionResult(id, none);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ActionResult(id, none, StaleMessage);
        }
    }

    private void Apply(RemediationAction action, ActionInput input)
    {
        action.Title = input.Title.Trim();
        action.Description = Clean(input.Description);
        action.Owner = Clean(input.Owner);
        action.Team = Clean(input.Team);
        action.Priority = input.Priority;
        action.Kind = input.Kind;
        action.DueDate = input.DueDate;
        action.ExternalUrl = Clean(input.ExternalUrl);
        ActionRules.ApplyStatus(action, input.Status, input.WontDoReason, Now);
        action.UpdatedAt = Now;
        action.Version = Guid.NewGuid();
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
