using Dashboard.Data.Door;
using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Actions;

public sealed class ActionCommands(WriteDoor door)
{
    private const string Subject = "action";

    private static ChangeScope[] Scopes(int incidentId) => [ChangeScope.Incident(incidentId), ChangeScope.Actions];

    public Task<CommandResult> CreateAsync(Actor actor, int incidentId, ActionInput input, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            var errors = ActionRules.Validate(input, DateOnly.FromDateTime(w.Now));
            if (errors.Count > 0) return w.Invalid(errors);
            if (!await w.Db.Incidents.AnyAsync(i => i.Id == incidentId, ct)) return CommandResult.NotFound("incident");
            if (await w.Db.RemediationActions.CountAsync(a => a.IncidentId == incidentId, ct) >= Limits.ActionsPerIncident)
                return w.Invalid("", $"This incident already has {Limits.ActionsPerIncident:N0} actions, its limit.");
            var action = new RemediationAction { IncidentId = incidentId, Title = "", CreatedAt = w.Now, Version = Guid.NewGuid() };
            Apply(action, input, w.Now, w.Actor.Name);
            w.Db.RemediationActions.Add(action);
            w.Audit("action.created", action);
            w.Publish("action.created", Scopes(incidentId));
            return w.Done(action);
        }, ct);

    /// <summary>Saves every field; refused when the action changed since <paramref name="version"/> was read.</summary>
    public Task<CommandResult> UpdateAsync(Actor actor, int id, Guid version, ActionInput input, CancellationToken ct = default) =>
        ChangeAsync(actor, id, version, today => ActionRules.Validate(input, today), (a, now) => Apply(a, input, now, actor.Name), ct);

    /// <summary>Moves an action to another status (the board's move); won't do needs a reason.</summary>
    public Task<CommandResult> SetStatusAsync(Actor actor, int id, Guid version, ActionStatus status, string? wontDoReason = null, CancellationToken ct = default) =>
        ChangeAsync(actor, id, version, _ => status == ActionStatus.WontDo && string.IsNullOrWhiteSpace(wontDoReason)
                ? new() { [nameof(ActionInput.WontDoReason)] = "Say why it won't be done: a reason is required." }
                : [],
            (a, now) => ActionRules.ApplyStatus(a, status, wontDoReason, now, actor.Name), ct);

    public Task<CommandResult> DeleteAsync(Actor actor, int id, Guid version, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            var action = await w.Db.RemediationActions.SingleOrDefaultAsync(a => a.Id == id, ct);
            if (action is null) return w.NotFound();
            w.Expect(action, version);
            w.Db.RemediationActions.Remove(action);
            w.Audit("action.deleted", action);
            w.Publish("action.deleted", Scopes(action.IncidentId));
            return w.Done(action);
        }, ct);

    private Task<CommandResult> ChangeAsync(Actor actor, int id, Guid version, Func<DateOnly, Dictionary<string, string>> validate,
        Action<RemediationAction, DateTime> change, CancellationToken ct) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            var errors = validate(DateOnly.FromDateTime(w.Now));
            if (errors.Count > 0) return w.Invalid(errors);
            var action = await w.Db.RemediationActions.SingleOrDefaultAsync(a => a.Id == id, ct);
            if (action is null) return w.NotFound();
            w.Expect(action, version);
            change(action, w.Now);
            action.UpdatedAt = w.Now;
            w.Audit("action.updated", action);
            w.Publish("action.updated", Scopes(action.IncidentId));
            return w.Done(action);
        }, ct);

    private static void Apply(RemediationAction action, ActionInput input, DateTime now, string by)
    {
        action.Title = input.Title.Trim();
        action.Description = Clean(input.Description);
        action.Owner = Clean(input.Owner);
        action.Team = Clean(input.Team);
        action.Priority = input.Priority;
        action.Kind = input.Kind;
        action.DueDate = input.DueDate;
        action.ExternalUrl = Clean(input.ExternalUrl);
        ActionRules.ApplyStatus(action, input.Status, input.WontDoReason, now, by);
        action.UpdatedAt = now;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
