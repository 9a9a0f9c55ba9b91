using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Incidents;
using Dashboard.Data.Timeline.Slack;

namespace Dashboard.Data.Timeline;

public sealed class TimelineCommands(WriteDoor door)
{
    private const string Subject = "timeline event";

    public Task<CommandResult> AddAsync(Actor actor, int incidentId, EventInput input, CancellationToken ct = default) =>
        SaveAsync(actor, incidentId, null, null, input, ct);

    public Task<CommandResult> UpdateAsync(Actor actor, int incidentId, int eventId, Guid version, EventInput input, CancellationToken ct = default) =>
        SaveAsync(actor, incidentId, eventId, version, input, ct);

    public Task<CommandResult> DeleteAsync(Actor actor, int incidentId, int eventId, Guid version, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            var e = await w.Db.TimelineEvents.SingleOrDefaultAsync(x => x.Id == eventId && x.IncidentId == incidentId, ct);
            if (e is null) return w.NotFound();
            w.Expect(e, version);
            w.Db.TimelineEvents.Remove(e);
            w.Audit(AuditActions.TimelineEventDeleted, e).Publish(ChangeScope.Incident(incidentId));
            return w.Done(e);
        }, ct);

    /// <summary>Puts a deleted event back, as a new row (the snackbar's Undo).</summary>
    public Task<CommandResult> RestoreAsync(Actor actor, int incidentId, TimelineEntry deleted, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            if (await RoomAsync(w, incidentId, 1, ct) is { } refused) return refused;
            var serviceId = deleted.ServiceId is { } s && await w.Db.Services.AnyAsync(x => x.Id == s, ct) ? deleted.ServiceId : null;
            var e = new TimelineEvent
            {
                IncidentId = incidentId, OccurredAt = deleted.OccurredAt, EndsAt = deleted.EndsAt, Kind = deleted.Kind, Text = deleted.Text,
                Author = deleted.Author, Source = deleted.Source, SourceReference = deleted.SourceReference, IsKey = deleted.IsKey, Moment = deleted.Moment,
                ServiceId = serviceId, Version = Guid.NewGuid(),
            };
            w.Db.TimelineEvents.Add(e);
            w.Audit(AuditActions.TimelineEventCreated, e).Publish(ChangeScope.Incident(incidentId));
            return w.Done(e);
        }, ct);

    /// <summary>Writes the importable rows of a chat-log preview in one transaction: all of them or none.</summary>
    public Task<CommandResult> ImportAsync(Actor actor, int incidentId, ImportPreview preview, CancellationToken ct = default) =>
        door.RunAsync(actor.Via(ChangeSource.Import), Permission.Respond, Subject, async w =>
        {
            var rows = preview.Importable;
            if (rows.Count == 0) return w.Invalid("", "Nothing to import: no line of the paste is new.");
            if (rows.Any(r => r.Text!.Length > Limits.EventTextLength))
                return w.Invalid("", $"Line {rows.First(r => r.Text!.Length > Limits.EventTextLength).LineNumber}: longer than {Limits.EventTextLength:N0} characters.");
            if (await RoomAsync(w, incidentId, rows.Count, ct) is { } refused) return refused;
            w.Db.TimelineEvents.AddRange(rows.Select(r => new TimelineEvent
            {
                IncidentId = incidentId, OccurredAt = r.OccurredAt!.Value, Kind = r.Kind, Text = r.Text!, Author = r.Author ?? w.Actor.DisplayName,
                Source = EventSource.Import, SourceReference = $"paste, line {r.LineNumber}", Version = Guid.NewGuid(),
            }));
            w.Audit(AuditActions.TimelineEventImported, $"{rows.Count} events", incidentId,
                new FieldChange("Events", null, rows.Count.ToString()),
                new FieldChange("From", null, UtcTime.Format(rows.Min(r => r.OccurredAt!.Value))),
                new FieldChange("To", null, UtcTime.Format(rows.Max(r => r.OccurredAt!.Value))));
            w.Publish(AuditActions.TimelineEventCreated, ChangeScope.Incident(incidentId));
            return CommandResult.Ok(Subject) with { Count = rows.Count };
        }, ct);

    /// <summary>
    /// Writes the ticked messages of a Slack export in one transaction. Messages already on the
    /// timeline (same channel and ts, checked again inside the transaction) are skipped, so an
    /// export imported twice adds nothing.
    /// </summary>
    public Task<CommandResult> ImportSlackAsync(Actor actor, int incidentId, string channelName, IReadOnlyList<Slack.SlackRow> rows, CancellationToken ct = default) =>
        door.RunAsync(actor.Via(ChangeSource.Import), Permission.Respond, Subject, async w =>
        {
            if (rows.Count == 0) return w.Invalid("", "Tick at least one message to import.");
            if (rows.FirstOrDefault(r => r.Text.Length > Limits.EventTextLength || r.Author.Length > Limits.PersonLength) is { } tooLong)
                return w.Invalid("", $"The message at {UtcTime.Format(tooLong.At)} is too long to import.");
            if (!await w.Db.Incidents.AnyAsync(i => i.Id == incidentId, ct)) return CommandResult.NotFound("incident");
            var keys = rows.Select(r => r.Key).ToList();
            var present = (await w.Db.TimelineEvents.Where(e => e.IncidentId == incidentId && e.SourceReference != null && keys.Contains(e.SourceReference))
                .Select(e => e.SourceReference!).ToListAsync(ct)).ToHashSet();
            var fresh = rows.Where(r => !present.Contains(r.Key)).DistinctBy(r => r.Key).ToList();
            if (fresh.Count == 0) return w.Invalid("", "Nothing to import: every ticked message is already on the timeline.");
            if (await RoomAsync(w, incidentId, fresh.Count, ct) is { } refused) return refused;
            w.Db.TimelineEvents.AddRange(fresh.Select(r => new TimelineEvent
            {
                IncidentId = incidentId, OccurredAt = r.At, Kind = r.Kind, Text = r.Text, Author = r.Author,
                Source = EventSource.Import, SourceReference = r.Key, Version = Guid.NewGuid(),
            }));
            w.Audit(AuditActions.TimelineEventImported, $"{fresh.Count} Slack messages", incidentId,
                new FieldChange("Events", null, fresh.Count.ToString()),
                new FieldChange("Channel", null, "#" + channelName),
                new FieldChange("From", null, UtcTime.Format(fresh.Min(r => r.At))),
                new FieldChange("To", null, UtcTime.Format(fresh.Max(r => r.At))));
            w.Publish(AuditActions.TimelineEventCreated, ChangeScope.Incident(incidentId));
            return CommandResult.Ok(Subject) with { Count = fresh.Count, Warnings = present.Count > 0 ? [$"{present.Count} were already on the timeline."] : [] };
        }, ct);

    private Task<CommandResult> SaveAsync(Actor actor, int incidentId, int? eventId, Guid? version, EventInput input, CancellationToken ct) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            var incident = await w.Db.Incidents.AsNoTracking().Where(i => i.Id == incidentId)
                .Select(i => new { Phases = new PhaseTimes(i.TriggeredAt, i.StartedAt, i.DetectedAt, i.AcknowledgedAt, i.MitigatedAt, i.ResolvedAt), i.CreatedAt })
                .SingleOrDefaultAsync(ct);
            if (incident is null) return CommandResult.NotFound("incident");
            var others = await w.Db.TimelineEvents.AsNoTracking().Where(e => e.IncidentId == incidentId)
                .OrderBy(e => e.OccurredAt).Select(e => new { e.Id, e.OccurredAt, e.Text }).ToListAsync(ct);
            var context = new TimelineContext(incident.Phases, incident.CreatedAt, [.. others.Select(e => (e.Id, e.OccurredAt, e.Text))]);
            var errors = new Dictionary<string, string>();
            var times = EventRules.Validate(input, context.ReferenceDate, errors);
            if (input.ServiceId is { } sid && !await w.Db.Services.AnyAsync(s => s.Id == sid, ct))
                errors[nameof(input.ServiceId)] = "That service is no longer in the catalog.";
            if (eventId is null && others.Count >= Limits.EventsPerIncident)
                errors[""] = $"This incident already has {Limits.EventsPerIncident:N0} events, its limit.";
            if (times is not { } t || errors.Count > 0) return w.Invalid(errors);

            var entity = eventId is { } id
                ? await w.Db.TimelineEvents.SingleOrDefaultAsync(x => x.Id == id && x.IncidentId == incidentId, ct)
                : w.Db.TimelineEvents.Add(new TimelineEvent { IncidentId = incidentId, Text = "", Source = BulkTimelineCommands.SourceOf(w.Actor), Version = Guid.NewGuid() }).Entity;
            if (entity is null) return w.NotFound();
            if (eventId is not null) w.Expect(entity, version!.Value);
            entity.OccurredAt = t.At;
            entity.EndsAt = t.EndsAt;
            entity.Kind = input.Kind;
            entity.Text = input.Text.Trim();
            entity.ServiceId = input.ServiceId;
            entity.IsKey = input.IsKey;
            entity.Moment = input.Moment;
            // The signed-in person is the author of what they add; an edit keeps the original author.
            if (eventId is null) entity.Author = string.IsNullOrWhiteSpace(input.Author) ? w.Actor.DisplayName : input.Author.Trim();
            var action = eventId is null ? AuditActions.TimelineEventCreated : AuditActions.TimelineEventUpdated;
            w.Audit(action, entity).Publish(ChangeScope.Incident(incidentId));
            return w.Done(entity, EventRules.Warnings(context, eventId, t.At, entity.Text));
        }, ct);

    /// <summary>Refuses a write that would take the incident past its event limit, or an incident that is gone.</summary>
    private static async Task<CommandResult?> RoomAsync(Write w, int incidentId, int adding, CancellationToken ct)
    {
        if (!await w.Db.Incidents.AnyAsync(i => i.Id == incidentId, ct)) return CommandResult.NotFound("incident");
        var count = await w.Db.TimelineEvents.CountAsync(e => e.IncidentId == incidentId, ct);
        return count + adding > Limits.EventsPerIncident
            ? w.Invalid("", $"This incident has {count:N0} events; adding {adding:N0} would pass its limit of {Limits.EventsPerIncident:N0}.")
            : null;
    }
}
