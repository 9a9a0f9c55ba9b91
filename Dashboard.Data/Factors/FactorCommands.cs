using Dashboard.Data.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Dashboard.Data.Incidents;

namespace Dashboard.Data.Factors;

/// <summary>Adds, edits and removes an incident's contributing factors, through the door and audited.</summary>
public sealed class FactorCommands(WriteDoor door, IOptions<FactorOptions> options)
{
    private const string Subject = "factor";

    public Task<CommandResult> AddAsync(Actor actor, int incidentId, FactorInput input, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            var errors = FactorRules.Validate(input, options.Value.CategoryList);
            if (errors.Count > 0) return w.Invalid(errors);
            if (!await w.Db.Incidents.AnyAsync(i => i.Id == incidentId, ct)) return CommandResult.NotFound("incident");
            var count = await w.Db.Factors.CountAsync(f => f.IncidentId == incidentId, ct);
            if (count >= FactorRules.FactorsPerIncident) return w.Invalid("", $"This incident already has {FactorRules.FactorsPerIncident} factors, its limit.");
            var factor = new Factor
            {
                IncidentId = incidentId, Statement = "", Category = "", SortOrder = count, CreatedAt = w.Now, Version = Guid.NewGuid(),
            };
            if (await ApplyAsync(w, factor, input, ct) is { } refused) return refused;
            w.Db.Factors.Add(factor);
            w.Audit(AuditActions.FactorCreated, factor, Links(null, factor)).Publish(ChangeScope.Incident(incidentId));
            return w.Done(factor);
        }, ct);

    /// <summary>Saves the statement, category and links; refused when the factor changed since <paramref name="version"/> was read.</summary>
    public Task<CommandResult> UpdateAsync(Actor actor, int incidentId, int factorId, Guid version, FactorInput input, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            var errors = FactorRules.Validate(input, options.Value.CategoryList);
            if (errors.Count > 0) return w.Invalid(errors);
            var factor = await w.Db.Factors.Include(f => f.Evidence).Include(f => f.Actions)
                .SingleOrDefaultAsync(f => f.Id == factorId && f.IncidentId == incidentId, ct);
            if (factor is null) return w.NotFound();
            w.Expect(factor, version);
            var before = (Events: Ids(factor.Evidence.Select(e => e.Id)), Actions: Ids(factor.Actions.Select(a => a.Id)));
            if (await ApplyAsync(w, factor, input, ct) is { } refused) return refused;
            w.Audit(AuditActions.FactorUpdated, factor, Links(before, factor)).Publish(ChangeScope.Incident(incidentId));
            return w.Done(factor);
        }, ct);

    public Task<CommandResult> DeleteAsync(Actor actor, int incidentId, int factorId, Guid version, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            var factor = await w.Db.Factors.SingleOrDefaultAsync(f => f.Id == factorId && f.IncidentId == incidentId, ct);
            if (factor is null) return w.NotFound();
            w.Expect(factor, version);
            w.Db.Factors.Remove(factor);
            w.Audit(AuditActions.FactorDeleted, factor).Publish(ChangeScope.Incident(incidentId));
            return w.Done(factor);
        }, ct);

    /// <summary>Copies the input onto the factor; evidence and actions must belong to the factor's own incident.</summary>
    private static async Task<CommandResult?> ApplyAsync(Write w, Factor factor, FactorInput input, CancellationToken ct)
    {
        var eventIds = input.EventIds.Distinct().ToList();
        var actionIds = input.ActionIds.Distinct().ToList();
        var events = await w.Db.TimelineEvents.Where(e => e.IncidentId == factor.IncidentId && eventIds.Contains(e.Id)).ToListAsync(ct);
        var actions = await w.Db.RemediationActions.Where(a => a.IncidentId == factor.IncidentId && actionIds.Contains(a.Id)).ToListAsync(ct);
        var errors = new Dictionary<string, string>();
        if (events.Count != eventIds.Count) errors[nameof(FactorInput.EventIds)] = "An event is no longer on this incident's timeline; reload and choose again.";
        if (actions.Count != actionIds.Count) errors[nameof(FactorInput.ActionIds)] = "An action is no longer on this incident; reload and choose again.";
        if (errors.Count > 0) return w.Invalid(errors);
        factor.Statement = input.Statement.Trim();
        factor.Category = input.Category.Trim().ToLowerInvariant();
        factor.UpdatedAt = w.Now;
        factor.Evidence.RemoveAll(e => !eventIds.Contains(e.Id));
        factor.Evidence.AddRange(events.Where(e => !factor.Evidence.Contains(e)));
        factor.Actions.RemoveAll(a => !actionIds.Contains(a.Id));
        factor.Actions.AddRange(actions.Where(a => !factor.Actions.Contains(a)));
        return null;
    }

    /// <summary>The links as audit fields: the change tracker sees only the factor's own columns.</summary>
    private static IEnumerable<FieldChange> Links((string Events, string Actions)? before, Factor factor)
    {
        var events = Ids(factor.Evidence.Select(e => e.Id));
        var actions = Ids(factor.Actions.Select(a => a.Id));
        if (before?.Events != events) yield return new FieldChange("Evidence events", before?.Events, events);
        if (before?.Actions != actions) yield return new FieldChange("Actions", before?.Actions, actions);
    }

    private static string Ids(IEnumerable<int> ids) => string.Join(", ", ids.Order());
}
