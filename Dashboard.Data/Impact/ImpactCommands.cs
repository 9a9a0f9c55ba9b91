using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Incidents;

namespace Dashboard.Data.Impact;

/// <summary>Adds, edits and deletes impact windows. They show on the incident's pages and in the services' histories.</summary>
public sealed class ImpactCommands(WriteDoor door)
{
    private const string Subject = "impact window";

    public Task<CommandResult> AddAsync(Actor actor, int incidentId, ImpactInput input, CancellationToken ct = default) =>
        SaveAsync(actor, incidentId, null, null, input, ct);

    public Task<CommandResult> UpdateAsync(Actor actor, int incidentId, int id, Guid version, ImpactInput input, CancellationToken ct = default) =>
        SaveAsync(actor, incidentId, id, version, input, ct);

    public Task<CommandResult> DeleteAsync(Actor actor, int incidentId, int id, Guid version, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            var window = await w.Db.ServiceImpacts.SingleOrDefaultAsync(x => x.Id == id && x.IncidentId == incidentId, ct);
            if (window is null) return w.NotFound();
            w.Expect(window, version);
            w.Db.ServiceImpacts.Remove(window);
            w.Audit(AuditActions.ImpactWindowDeleted, window).Publish(ChangeScope.Incident(incidentId), ChangeScope.Catalog);
            return w.Done(window);
        }, ct);

    private Task<CommandResult> SaveAsync(Actor actor, int incidentId, int? id, Guid? version, ImpactInput input, CancellationToken ct) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            var incident = await w.Db.Incidents.AsNoTracking().Where(i => i.Id == incidentId)
                .Select(i => new { Phases = new PhaseTimes(i.TriggeredAt, i.StartedAt, i.DetectedAt, i.AcknowledgedAt, i.MitigatedAt, i.ResolvedAt), i.CreatedAt })
                .SingleOrDefaultAsync(ct);
            if (incident is null) return CommandResult.NotFound("incident");
            var errors = new Dictionary<string, string>();
            var times = ImpactRules.Validate(input, incident.Phases.ReferenceDate(incident.CreatedAt), errors);
            var entity = id is { } existingId ? await w.Db.ServiceImpacts.SingleOrDefaultAsync(x => x.Id == existingId && x.IncidentId == incidentId, ct) : null;
            if (id is not null && entity is null) return w.NotFound();
            if (input.ServiceId is { } sid)
            {
                var service = await w.Db.Services.AsNoTracking().Where(s => s.Id == sid).Select(s => new { s.IsArchived }).SingleOrDefaultAsync(ct);
                // An archived service may stay on a window it already had, but not be chosen anew.
                if (service is null) errors[nameof(input.ServiceId)] = "Service: that service is no longer in the catalog.";
                else if (service.IsArchived && entity?.ServiceId != sid) errors[nameof(input.ServiceId)] = "Service: that service is archived; choose a current one.";
            }
            if (entity is null && await w.Db.ServiceImpacts.CountAsync(x => x.IncidentId == incidentId, ct) >= Limits.ImpactsPerIncident)
                errors[""] = $"This incident already has {Limits.ImpactsPerIncident:N0} impact windows, its limit.";
            if (times is not { } t || errors.Count > 0) return w.Invalid(errors);

            if (entity is null)
            {
                entity = new ServiceImpact { IncidentId = incidentId, Version = Guid.NewGuid() };
                w.Db.ServiceImpacts.Add(entity);
            }
            else w.Expect(entity, version!.Value);
            entity.ServiceId = input.ServiceId!.Value;
            entity.Level = input.Level;
            entity.StartedAt = t.Start;
            entity.EndedAt = t.End;
            entity.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
            var action = id is null ? AuditActions.ImpactWindowCreated : AuditActions.ImpactWindowUpdated;
            w.Audit(action, entity).Publish(ChangeScope.Incident(incidentId), ChangeScope.Catalog);
            return w.Done(entity, ImpactRules.Warnings(incident.Phases, t.Start, t.End));
        }, ct);
}
