using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Incidents;

namespace Dashboard.Data.Timeline;

/// <summary>
/// Many events in one write (the API's bulk add): each is validated as the dialog validates one,
/// and the whole batch is refused, naming each bad event by its position, or written in one
/// transaction, up to the incident's event limit.
/// </summary>
public sealed class BulkTimelineCommands(WriteDoor door)
{
    private const string Subject = "timeline event";

    public static EventSource SourceOf(Actor actor) => actor.Source == ChangeSource.Api ? EventSource.Api : EventSource.Manual;

    public Task<CommandResult> AddManyAsync(Actor actor, int incidentId, IReadOnlyList<EventInput> inputs, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            if (inputs.Count == 0) return w.Invalid("", "Send at least one event.");
            if (inputs.Count > Limits.EventsPerIncident) return w.Invalid("", $"At most {Limits.EventsPerIncident:N0} events at once.");
            var incident = await w.Db.Incidents.AsNoTracking().Where(i => i.Id == incidentId)
                .Select(i => new { Phases = new PhaseTimes(i.TriggeredAt, i.StartedAt, i.DetectedAt, i.AcknowledgedAt, i.MitigatedAt, i.ResolvedAt), i.CreatedAt })
                .SingleOrDefaultAsync(ct);
            if (incident is null) return CommandResult.NotFound("incident");
            var referenceDate = incident.Phases.ReferenceDate(incident.CreatedAt);
            var serviceIds = inputs.Where(i => i.ServiceId is not null).Select(i => i.ServiceId!.Value).Distinct().ToList();
            var known = (await w.Db.Services.Where(s => serviceIds.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct)).ToHashSet();

            var errors = new Dictionary<string, string>();
            var events = new List<TimelineEvent>(inputs.Count);
            for (var n = 0; n < inputs.Count; n++)
            {
                var input = inputs[n];
                var own = new Dictionary<string, string>();
                var times = EventRules.Validate(input, referenceDate, own);
                if (input.ServiceId is { } sid && !known.Contains(sid)) own[nameof(input.ServiceId)] = "ServiceId: no such service in the catalog.";
                if (input.Author?.Length > Limits.PersonLength) own[nameof(input.Author)] = $"Author: at most {Limits.PersonLength} characters.";
                foreach (var (field, message) in own) errors[$"[{n}].{(field.Length == 0 ? "event" : field)}"] = message;
                if (times is not { } t || own.Count > 0) continue;
                events.Add(new TimelineEvent
                {
                    IncidentId = incidentId, OccurredAt = t.At, EndsAt = t.EndsAt, Kind = input.Kind, Text = input.Text.Trim(), ServiceId = input.ServiceId,
                    IsKey = input.IsKey, Moment = input.Moment, Author = string.IsNullOrWhiteSpace(input.Author) ? w.Actor.DisplayName : input.Author.Trim(),
                    Source = SourceOf(w.Actor), Version = Guid.NewGuid(),
                });
            }
            if (errors.Count > 0) return w.Invalid(errors);
            var count = await w.Db.TimelineEvents.CountAsync(e => e.IncidentId == incidentId, ct);
            if (count + events.Count > Limits.EventsPerIncident)
                return w.Invalid("", $"This incident has {count:N0} events; adding {events.Count:N0} would pass its limit of {Limits.EventsPerIncident:N0}.");
            w.Db.TimelineEvents.AddRange(events);
            w.Audit(AuditActions.TimelineEventImported, $"{events.Count} events", incidentId,
                new FieldChange("Events", null, events.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new FieldChange("From", null, UtcTime.Format(events.Min(e => e.OccurredAt))),
                new FieldChange("To", null, UtcTime.Format(events.Max(e => e.OccurredAt))));
            w.Publish(AuditActions.TimelineEventCreated, ChangeScope.Incident(incidentId));
            return CommandResult.Ok(Subject) with { Count = events.Count };
        }, ct);
}
