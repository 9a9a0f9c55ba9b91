using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Incidents;

namespace Dashboard.Data.Actions;

public sealed class ActionCommands(WriteDoor door)
{
    private const string Subject = "action";

    /// <summary>The field an unknown owner email is reported under: the API's own name for it, since only programs send it.</summary>
    public const string OwnerEmailField = "ownerEmail";

    private static ChangeScope[] Scopes(int incidentId) => [ChangeScope.Incident(incidentId), ChangeScope.Actions];

    public Task<CommandResult> CreateAsync(Actor actor, int incidentId, ActionInput input, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            var errors = ActionRules.Validate(input, DateOnly.FromDateTime(w.Now));
            if (errors.Count > 0) return w.Invalid(errors);
            if (!await w.Db.Incidents.AnyAsync(i => i.Id == incidentId, ct)) return CommandResult.NotFound("incident");
            if (await w.Db.RemediationActions.CountAsync(a => a.IncidentId == incidentId, ct) >= Limits.ActionsPerIncident)
                return w.Invalid("", $"This incident already has {Limits.ActionsPerIncident:N0} actions, its limit.");
            var owner = await OwnerAsync(w, input, ct);
            if (owner.Error is not null) return owner.Error;
            var action = new RemediationAction
            {
                IncidentId = incidentId, Title = "", CreatedAt = w.Now, Version = Guid.NewGuid(),
                CreatedBy = w.Actor.DisplayName, CreatedByUserId = w.Actor.UserId,
            };
            Apply(action, input, owner.Name, w.Now, w.Actor.Name);
            w.Db.RemediationActions.Add(action);
            w.Audit(AuditActions.ActionCreated, action).Publish(Scopes(incidentId));
            return w.Done(action);
        }, ct);

    /// <summary>Saves every field; refused when the action changed since <paramref name="version"/> was read.</summary>
    public Task<CommandResult> UpdateAsync(Actor actor, int id, Guid version, ActionInput input, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            var errors = ActionRules.Validate(input, DateOnly.FromDateTime(w.Now));
            if (errors.Count > 0) return w.Invalid(errors);
            var owner = await OwnerAsync(w, input, ct);
            if (owner.Error is not null) return owner.Error;
            return await ChangeAsync(w, id, version, (a, now) => Apply(a, input, owner.Name, now, w.Actor.Name), ct);
        }, ct);

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
            w.Audit(AuditActions.ActionDeleted, action).Publish(Scopes(action.IncidentId));
            return w.Done(action);
        }, ct);

    private Task<CommandResult> ChangeAsync(Actor actor, int id, Guid version, Func<DateOnly, Dictionary<string, string>> validate,
        Action<RemediationAction, DateTime> change, CancellationToken ct) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            var errors = validate(DateOnly.FromDateTime(w.Now));
            return errors.Count > 0 ? w.Invalid(errors) : await ChangeAsync(w, id, version, change, ct);
        }, ct);

    private static async Task<CommandResult> ChangeAsync(Write w, int id, Guid version, Action<RemediationAction, DateTime> change, CancellationToken ct)
    {
        var action = await w.Db.RemediationActions.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (action is null) return w.NotFound();
        w.Expect(action, version);
        change(action, w.Now);
        action.UpdatedAt = w.Now;
        w.Audit(AuditActions.ActionUpdated, action).Publish(Scopes(action.IncidentId));
        return w.Done(action);
    }

    /// <summary>The owner's shown name: the chosen user's display name, or the free text for someone without an account.</summary>
    private static async Task<(string? Name, CommandResult? Error)> OwnerAsync(Write w, ActionInput input, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(input.OwnerEmail))
        {
            var normalized = input.OwnerEmail.Trim().ToUpperInvariant();
            var user = await w.Db.Users.Where(u => u.NormalizedEmail == normalized && !u.IsDisabled).Select(u => new { u.Id, u.DisplayName }).SingleOrDefaultAsync(ct);
            if (user is null) return (null, w.Invalid(OwnerEmailField, $"No enabled account has the email '{input.OwnerEmail.Trim()}'."));
            input.OwnerUserId = user.Id; // the rest of the command reads the owner from here, as when a form picked the user
            return (user.DisplayName, null);
        }
        if (string.IsNullOrEmpty(input.OwnerUserId)) return (Clean(input.Owner), null);
        var name = await w.Db.Users.Where(u => u.Id == input.OwnerUserId && !u.IsDisabled).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        return name is null
            ? (null, w.Invalid(nameof(ActionInput.Owner), "The chosen owner has no enabled account; choose someone else or type a name."))
            : (name, null);
    }

    private static void Apply(RemediationAction action, ActionInput input, string? owner, DateTime now, string by)
    {
        action.Title = input.Title.Trim();
        action.Description = Clean(input.Description);
        action.OwnerUserId = string.IsNullOrEmpty(input.OwnerUserId) ? null : input.OwnerUserId;
        action.Owner = owner;
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
