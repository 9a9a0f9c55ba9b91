using System.Globalization;
using Dashboard.Data.Audit;
using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Incidents;

namespace Dashboard.Data.Changes;

/// <summary>What views of changes follow: a change recorded anywhere may enter any incident's window.</summary>
public static class ChangeScopes
{
    public static ChangeScope Changes { get; } = new("changes");
}

/// <summary>
/// Records changes (one, or many in one transaction) and a responder's mark of a change as an
/// incident's trigger or a contributing change. A change whose external id is already stored is
/// not stored again: senders retry, and webhooks are redelivered.
/// </summary>
public sealed class ChangeCommands(WriteDoor door)
{
    private const string Subject = "change";

    /// <summary>Ok with the stored change's id; <see cref="CommandResult.Count"/> is 0 when the external id was already there (nothing written).</summary>
    public Task<CommandResult> RecordAsync(Actor actor, ChangeInput input, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            var errors = new Dictionary<string, string>();
            var valid = ChangeRules.Validate(input, errors);
            if (valid?.ExternalId is { } externalId
                && await w.Db.ChangeEvents.AsNoTracking().Where(c => c.ExternalId == externalId).Select(c => (int?)c.Id).SingleOrDefaultAsync(ct) is { } existing)
                return CommandResult.Ok(Subject, existing, key: externalId) with { Count = 0 };
            // Unknown services are named too when other fields are wrong: the sender fixes everything in one go.
            var services = await ResolveAsync(w, [(0, KeysOf(input))], errors, single: true, ct);
            if (valid is null || errors.Count > 0) return w.Invalid(errors);

            var change = Build(valid, services[0], w);
            w.Db.ChangeEvents.Add(change);
            w.Audit(AuditActions.ChangeRecorded, change).Publish(ChangeScopes.Changes);
            return w.Done(change) with { Count = 1 };
        }, ct);

    /// <summary>
    /// Up to <see cref="ChangeRules.BulkCount"/> changes: all are checked first and the batch is refused
    /// whole, naming each bad one as [n].Field, or written in one transaction. Changes already stored
    /// (by external id), and repeats within the batch, are skipped; <see cref="CommandResult.Count"/> says how many were added.
    /// </summary>
    public Task<CommandResult> RecordManyAsync(Actor actor, IReadOnlyList<ChangeInput> inputs, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            if (inputs.Count == 0) return w.Invalid("", "Send at least one change.");
            if (inputs.Count > ChangeRules.BulkCount) return w.Invalid("", $"At most {ChangeRules.BulkCount:N0} changes at once.");
            var errors = new Dictionary<string, string>();
            var valid = new List<ValidChange>(inputs.Count);
            for (var n = 0; n < inputs.Count; n++)
            {
                var own = new Dictionary<string, string>();
                if (ChangeRules.Validate(inputs[n] ?? new ChangeInput(), own) is { } v) valid.Add(v);
                foreach (var (field, message) in own) errors[$"[{n}].{(field.Length == 0 ? "change" : field)}"] = message;
            }
            var services = await ResolveAsync(w, [.. inputs.Select((input, n) => (n, KeysOf(input)))], errors, single: false, ct);
            if (errors.Count > 0) return w.Invalid(errors);

            var ids = valid.Where(v => v.ExternalId is not null).Select(v => v.ExternalId!).Distinct().ToList();
            // One query whatever the batch: the ids go as ONE array parameter (json_each on SQLite, = ANY on PostgreSQL), each
            // probing the unique index. As EF's default list of scalar parameters it took slices of 500, each a SQL text to plan.
            var stored = new HashSet<string>(ids.Count == 0 ? [] :
                await w.Db.ChangeEvents.AsNoTracking().Where(c => EF.Parameter(ids).Contains(c.ExternalId!)).Select(c => c.ExternalId!).ToListAsync(ct), StringComparer.Ordinal);
            var added = new List<ChangeEvent>(valid.Count);
            for (var n = 0; n < valid.Count; n++)
            {
                if (valid[n].ExternalId is { } id && !stored.Add(id)) continue;
                added.Add(Build(valid[n], services[n], w));
            }
            if (added.Count == 0) return CommandResult.Ok(Subject) with { Count = 0 };
            w.Db.ChangeEvents.AddRange(added);
            w.Audit(AuditActions.ChangeImported, $"{added.Count} changes", null,
                new FieldChange("Changes", null, added.Count.ToString(CultureInfo.InvariantCulture)),
                new FieldChange("From", null, UtcTime.Format(added.Min(c => c.StartedAt))),
                new FieldChange("To", null, UtcTime.Format(added.Max(c => c.StartedAt)))).Publish(ChangeScopes.Changes);
            return CommandResult.Ok(Subject) with { Count = added.Count };
        }, ct);

    /// <summary>Marks <paramref name="changeId"/> as the incident's trigger or a contributing change; null clears the mark. One trigger per incident: a new one replaces the old.</summary>
    public Task<CommandResult> MarkAsync(Actor actor, int incidentId, int changeId, ChangeRole? role, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            // Through the visible incidents: a mark on one the actor may not see answers as not found.
            if (!await w.VisibleIncidents().AnyAsync(i => i.Id == incidentId, ct)) return CommandResult.NotFound("incident");
            var change = await w.Db.ChangeEvents.AsNoTracking().Where(c => c.Id == changeId).Select(c => new { c.Id, c.ExternalId }).SingleOrDefaultAsync(ct);
            if (change is null) return w.NotFound();
            var marks = await w.Db.ChangeMarks.Include(m => m.ChangeEvent).Where(m => m.IncidentId == incidentId).ToListAsync(ct);
            var current = marks.SingleOrDefault(m => m.ChangeEventId == changeId);
            if (current?.Role == role) return CommandResult.Ok(Subject, changeId);
            var key = change.ExternalId ?? change.Id.ToString(CultureInfo.InvariantCulture);
            if (role == ChangeRole.Trigger)
                foreach (var other in marks.Where(m => m.Role == ChangeRole.Trigger && m.ChangeEventId != changeId))
                {
                    w.Db.ChangeMarks.Remove(other);
                    w.Audit(AuditActions.ChangeUnmarked, other.ChangeEvent!.ExternalId ?? other.ChangeEventId.ToString(CultureInfo.InvariantCulture), incidentId,
                        new FieldChange("Role", Word(other.Role), null));
                }
            if (role is null) w.Db.ChangeMarks.Remove(current!);
            else if (current is null) w.Db.ChangeMarks.Add(new ChangeMark { IncidentId = incidentId, ChangeEventId = changeId, Role = role.Value, MarkedAt = w.Now, MarkedBy = w.Actor.DisplayName });
            else
            {
                current.Role = role.Value;
                current.MarkedAt = w.Now;
                current.MarkedBy = w.Actor.DisplayName;
            }
            w.Audit(role is null ? AuditActions.ChangeUnmarked : AuditActions.ChangeMarked, key, incidentId,
                new FieldChange("Role", current is null ? null : Word(current.Role), role is null ? null : Word(role.Value)))
                .Publish(ChangeScope.Incident(incidentId));
            return CommandResult.Ok(Subject, changeId, key: key);
        }, ct);

    public static string Word(ChangeRole role) => role == ChangeRole.Trigger ? "trigger" : "contributing";

    private static List<string?> KeysOf(ChangeInput? input) => input?.Services ?? [];

    /// <summary>
    /// Catalog keys to ids, in one query for the whole batch; an unknown key is named by its input's
    /// position and its own. Malformed keys are left to the rules, which name them already.
    /// </summary>
    private static async Task<List<List<int>>> ResolveAsync(Write w, List<(int N, List<string?> Keys)> keyLists, Dictionary<string, string> errors, bool single, CancellationToken ct)
    {
        var keys = keyLists.SelectMany(k => k.Keys).Select(k => k?.Trim()).Where(Slugs.IsValid).Distinct().ToList();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        // One array parameter, as for the external ids: one query for the whole batch.
        foreach (var s in await w.Db.Services.AsNoTracking().Where(s => EF.Parameter(keys).Contains(s.Key)).Select(s => new { s.Key, s.Id }).ToListAsync(ct))
            ids[s.Key] = s.Id;
        var result = new List<List<int>>(keyLists.Count);
        foreach (var (n, list) in keyLists)
        {
            var resolved = new List<int>(list.Count);
            for (var k = 0; k < list.Count; k++)
            {
                var key = list[k]?.Trim();
                if (!Slugs.IsValid(key)) continue;
                if (ids.TryGetValue(key!, out var id)) { if (!resolved.Contains(id)) resolved.Add(id); continue; }
                var field = $"{nameof(ChangeInput.Services)}[{k}]";
                errors.TryAdd(single ? field : $"[{n}].{field}", $"'{key}' is not a service in the catalog.");
            }
            result.Add(resolved);
        }
        return result;
    }

    private static ChangeEvent Build(ValidChange v, List<int> serviceIds, Write w) => new()
    {
        ExternalId = v.ExternalId, Kind = v.Kind, Title = v.Title, Environment = v.Environment, StartedAt = v.StartedAt, EndedAt = v.EndedAt,
        Author = v.Author, Link = v.Link, Labels = v.Labels, Origin = OriginOf(w.Actor.Source), RecordedAt = w.Now, Version = Guid.NewGuid(),
        Services = [.. serviceIds.Select(id => new ChangeService { ServiceId = id, StartedAt = v.StartedAt })],
    };

    public static string OriginOf(ChangeSource source) => source switch
    {
        ChangeSource.Api => "api",
        ChangeSource.Seed => "seed",
        ChangeSource.Import => "webhook",
        ChangeSource.Cli => "cli",
        _ => "ui",
    };
}
