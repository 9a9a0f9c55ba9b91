using Dashboard.Data.Domain;
using Dashboard.Data.Entities;
using Dashboard.Data.Timeline;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Impact;

/// <summary>Adds, edits and deletes impact windows; every change is announced so open timelines and impact views reload.</summary>
public sealed class ImpactCommands(IDbContextFactory<IncidentBoardDbContext> dbFactory, TimelineNotifier notifier, TimeProvider clock)
{
    public const string StaleMessage = "Someone else changed this impact window after you opened it. Reload to see their version; your changes were not saved.";
    private static readonly Dictionary<string, string> NoErrors = [];

    public Task<ImpactResult> AddAsync(int incidentId, ImpactInput input, CancellationToken ct = default) => SaveAsync(incidentId, null, null, input, ct);

    public Task<ImpactResult> UpdateAsync(int incidentId, int id, Guid version, ImpactInput input, CancellationToken ct = default) => SaveAsync(incidentId, id, version, input, ct);

    public async Task<bool> DeleteAsync(int incidentId, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deleted = await db.ServiceImpacts.Where(x => x.Id == id && x.IncidentId == incidentId).ExecuteDeleteAsync(ct) > 0;
        if (deleted) notifier.Publish(incidentId);
        return deleted;
    }

    private async Task<ImpactResult> SaveAsync(int incidentId, int? id, Guid? version, ImpactInput input, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var phases = await db.Incidents.AsNoTracking().Where(i => i.Id == incidentId)
            .Select(i => new PhaseTimes(i.TriggeredAt, i.StartedAt, i.DetectedAt, i.AcknowledgedAt, i.MitigatedAt, i.ResolvedAt))
            .SingleOrDefaultAsync(ct);
        if (phases is null) return new ImpactResult(id, NoErrors, [], "The incident no longer exists.");
        var reference = ImpactRules.ReferenceDate(phases, clock.GetUtcNow().UtcDateTime);
        var errors = new Dictionary<string, string>();
        var times = ImpactRules.Validate(input, reference, errors);
        var entity = id is { } existingId ? await db.ServiceImpacts.SingleOrDefaultAsync(x => x.Id == existingId && x.IncidentId == incidentId, ct) : null;
        if (id is not null && entity is null) return new ImpactResult(id, NoErrors, [], "This impact window no longer exists; someone deleted it.");
        if (input.ServiceId is { } sid)
        {
            var service = await db.Services.AsNoTracking().Where(s => s.Id == sid).Select(s => new { s.IsArchived }).SingleOrDefaultAsync(ct);
            // An archived service may stay on a window it already had, but not be chosen anew.
            if (service is null) errors[nameof(input.ServiceId)] = "Service: that service is no longer in the catalog.";
            else if (service.IsArchived && entity?.ServiceId != sid) errors[nameof(input.ServiceId)] = "Service: that service is archived; choose a current one.";
        }
        if (times is not { } t || errors.Count > 0) return new ImpactResult(id, errors, []);

        if (entity is null)
        {
            entity = new ServiceImpact { IncidentId = incidentId };
            db.ServiceImpacts.Add(entity);
        }
        else
        {
            // EF's UPDATE … WHERE Version = @read touches no row if another save came in between.
            db.Entry(entity).Property(x => x.Version).OriginalValue = version!.Value;
        }
        entity.ServiceId = input.ServiceId!.Value;
        entity.Level = input.Level;
        entity.StartedAt = t.Start;
        entity.EndedAt = t.End;
        entity.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        entity.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ImpactResult(id, NoErrors, [], StaleMessage);
        }
        notifier.Publish(incidentId);
        return new ImpactResult(entity.Id, NoErrors, ImpactRules.Warnings(phases, t.Start, t.End));
    }
}
