using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Data.Kernel;

/// <summary>
/// The one door every write passes through: it checks the actor's role, runs the command inside
/// one transaction (opened before the command reads, so its checks and its write see the same
/// data), refuses a stale version, appends the audit entries in that same transaction, commits,
/// and then tells the change bus. Commands hold only their own rules.
/// </summary>
public sealed class WriteDoor(IDbContextFactory<IncidentBoardDbContext> dbFactory, ChangeBus bus, TimeProvider clock, ILogger<WriteDoor> logger,
    IIncidentAccess incidents, IEnumerable<IAuditListener> listeners, DataMetrics? metrics = null)
{
    public async Task<CommandResult> RunAsync(Actor actor, Permission permission, string subject,
        Func<Write, Task<CommandResult>> command, CancellationToken ct = default)
    {
        if (metrics is null) return await PassAsync(actor, permission, subject, command, ct);
        CommandResult result;
        try
        {
            result = await PassAsync(actor, permission, subject, command, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            metrics.CommandFailed(subject);
            throw;
        }
        metrics.Command(subject, result.Outcome);
        return result;
    }

    private async Task<CommandResult> PassAsync(Actor actor, Permission permission, string subject,
        Func<Write, Task<CommandResult>> command, CancellationToken ct)
    {
        if (!actor.May(permission)) return CommandResult.Forbidden(subject);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // On SQLite this is BEGIN IMMEDIATE: writers queue here, so no other write slips between a check and its write.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var write = new Write(db, actor, clock.GetUtcNow().UtcDateTime, subject);
        CommandResult result;
        try
        {
            result = await command(write);
        }
        catch (DbUpdateException ex)
        {
            return Refused(ex, subject, actor); // a command that saves midway (an import's new services) hit a constraint
        }
        // Checked before a refusal is returned too: its words ("'<slug>' started at …") or a result's key
        // must not tell the actor about an incident they may not see. Such a write answers as not found.
        if (!await incidents.MayWriteAsync(db, actor, ct)) return CommandResult.NotFound(subject);
        if (!result.Succeeded) return result; // disposing the transaction rolls back anything the command staged
        var audience = await incidents.AudienceAsync(db, ct);

        // Read the changed fields before saving: afterwards EF forgets the original values.
        var changes = write.Audits.Select(a => a.Entity is null ? a.Changes : [.. FieldChanges.Of(db.Entry(a.Entity)), .. a.Changes]).ToList();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            var current = await ex.Entries[0].GetDatabaseValuesAsync(ct);
            // Rows without a Guid version (accounts keep Identity's own stamp) conflict without one.
            var token = current?.Properties.FirstOrDefault(p => p.Name == write.TokenProperty && p.ClrType == typeof(Guid));
            return current is null ? CommandResult.NotFound(subject) : CommandResult.Conflict(subject, token is null ? null : current.GetValue<Guid>(token));
        }
        catch (DbUpdateException ex)
        {
            return Refused(ex, subject, actor);
        }

        var audited = await AppendAuditAsync(db, write, changes, incidents, ct);
        foreach (var listener in listeners) await listener.StageAsync(db, audited, ct); // in this transaction: a rolled-back change sends nothing
        await transaction.CommitAsync(ct);

        foreach (var change in write.Changes) bus.Publish(change with { Audience = audience });
        if (write.ResultEntity is null) return result;
        var (id, key, _, version) = write.ResultEntity.Address;
        return result with { Id = result.Id ?? id, Key = result.Key ?? key, Version = result.Version ?? version };
    }

    /// <summary>A constraint the command's own checks did not foresee: the detail goes to the log, never to the actor (it is SQL).</summary>
    private CommandResult Refused(DbUpdateException ex, string subject, Actor actor)
    {
        logger.LogWarning(ex, "The database refused a {Subject} write by {Actor}", subject, actor.Name);
        return CommandResult.Invalid(subject, "", "The database refused this change; reload and try again.");
    }

    private static async Task<List<(AuditEntry, object?)>> AppendAuditAsync(IncidentBoardDbContext db, Write write, List<List<FieldChange>> changes,
        IIncidentAccess incidents, CancellationToken ct)
    {
        var entries = write.Audits.Select((a, n) =>
        {
            var (key, incidentId) = a.Entity is null ? (a.Key!, a.IncidentId) : (a.Entity.Address.Key, a.Entity.Address.IncidentId);
            return new AuditEntry
            {
                At = write.Now, Actor = write.Actor.Name, ActorKind = write.Actor.Kind, Source = write.Actor.Source,
                Action = a.Action, EntityType = a.Action[..a.Action.IndexOf('.')], EntityKey = key, IncidentId = incidentId,
                Changes = changes[n].Count == 0 ? null : FieldChanges.Serialize(changes[n]),
            };
        }).ToList();
        var incidentIds = entries.Where(e => e.IncidentId is not null).Select(e => e.IncidentId!.Value).Distinct().ToList();
        var slugs = await incidents.SlugsAsync(db, incidentIds, ct);
        // A deleted incident's slug is no longer in the table; its entry carries it in its key.
        foreach (var e in entries)
            e.IncidentSlug = e.IncidentId is { } id ? slugs.GetValueOrDefault(id) ?? (e.EntityType == "incident" ? e.EntityKey : null) : null;
        db.AuditEntries.AddRange(entries);
        await db.SaveChangesAsync(ct);
        return [.. entries.Select((e, n) => (e, (object?)write.Audits[n].Entity))];
    }
}
