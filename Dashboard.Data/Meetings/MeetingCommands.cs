using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Meetings;

/// <summary>The review meeting as the form edits it; times are UTC.</summary>
public sealed class MeetingInput
{
    public DateTime? StartsAt { get; set; }
    public int DurationMinutes { get; set; } = 60;
    public string? FacilitatorUserId { get; set; }
    public List<string> ParticipantUserIds { get; set; } = [];
    public string? Location { get; set; }
}

/// <summary>Schedules or cancels an incident's postmortem review meeting (one per incident).</summary>
public sealed class MeetingCommands(WriteDoor door)
{
    private const string Subject = "review meeting";
    public const int MaxParticipants = 50;

    private static ChangeScope[] Scopes(int incidentId) => [ChangeScope.Incident(incidentId)];

    /// <summary>Sets the meeting; <paramref name="version"/> is the meeting's as read (null when there was none).</summary>
    public Task<CommandResult> ScheduleAsync(Actor actor, int incidentId, MeetingInput input, Guid? version, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            var errors = new Dictionary<string, string>();
            if (input.StartsAt is null) errors[nameof(input.StartsAt)] = "Choose the date and time.";
            if (input.DurationMinutes is < 15 or > 480) errors[nameof(input.DurationMinutes)] = "A review lasts 15 minutes to 8 hours.";
            if ((input.Location?.Length ?? 0) > Limits.UrlLength) errors[nameof(input.Location)] = $"Where is longer than {Limits.UrlLength} characters.";
            var people = input.ParticipantUserIds.Where(p => !string.IsNullOrEmpty(p)).Distinct().ToList();
            if (people.Count > MaxParticipants) errors[nameof(input.ParticipantUserIds)] = $"At most {MaxParticipants} participants.";
            var named = people.Concat(input.FacilitatorUserId is { Length: > 0 } f ? [f] : []).Distinct().ToList();
            var enabled = await w.Db.Users.Where(u => named.Contains(u.Id) && !u.IsDisabled).Select(u => u.Id).ToListAsync(ct);
            if (input.FacilitatorUserId is { Length: > 0 } facilitator && !enabled.Contains(facilitator))
                errors[nameof(input.FacilitatorUserId)] = "The facilitator has no enabled account; choose someone else.";
            if (people.Except(enabled).Any()) errors[nameof(input.ParticipantUserIds)] = "A participant has no enabled account.";
            if (errors.Count > 0) return w.Invalid(errors);
            // Among what the person sees: a private incident they are not in answers as not found.
            if (!await w.VisibleIncidents().AnyAsync(i => i.Id == incidentId, ct)) return CommandResult.NotFound("incident");

            var meeting = await w.Db.ReviewMeetings.Include(m => m.Participants).SingleOrDefaultAsync(m => m.IncidentId == incidentId, ct);
            if (meeting is null)
            {
                if (version is not null) return CommandResult.Conflict(Subject, null); // it was cancelled since it was read
                w.Db.ReviewMeetings.Add(meeting = new ReviewMeeting { IncidentId = incidentId, Version = Guid.NewGuid() });
            }
            else
            {
                w.Expect(meeting, version ?? Guid.Empty);
            }
            meeting.StartsAt = DateTime.SpecifyKind(input.StartsAt!.Value, DateTimeKind.Utc);
            meeting.DurationMinutes = input.DurationMinutes;
            meeting.FacilitatorUserId = string.IsNullOrEmpty(input.FacilitatorUserId) ? null : input.FacilitatorUserId;
            meeting.Location = string.IsNullOrWhiteSpace(input.Location) ? null : input.Location.Trim();
            meeting.UpdatedAt = w.Now;
            meeting.Participants.RemoveAll(p => !people.Contains(p.UserId));
            foreach (var person in people.Where(p => !meeting.Participants.Exists(x => x.UserId == p)))
                meeting.Participants.Add(new ReviewMeetingParticipant { UserId = person });
            w.Audit(AuditActions.ReviewMeetingScheduled, meeting, new FieldChange("Participants", null, people.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Publish(Scopes(incidentId));
            return w.Done(meeting);
        }, ct);

    public Task<CommandResult> CancelAsync(Actor actor, int incidentId, Guid version, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            if (!await w.VisibleIncidents().AnyAsync(i => i.Id == incidentId, ct)) return w.NotFound();
            var meeting = await w.Db.ReviewMeetings.SingleOrDefaultAsync(m => m.IncidentId == incidentId, ct);
            if (meeting is null) return w.NotFound();
            w.Expect(meeting, version);
            w.Db.ReviewMeetings.Remove(meeting);
            w.Audit(AuditActions.ReviewMeetingCancelled, meeting).Publish(Scopes(incidentId));
            return w.Done(meeting);
        }, ct);
}
