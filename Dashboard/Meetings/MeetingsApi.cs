using Dashboard.Api;
using Dashboard.Data.Meetings;
using Dashboard.Data.Timeline;

namespace Dashboard.Meetings;

public sealed record ApiReviewMeeting(DateTime StartsAt, int DurationMinutes, string? FacilitatorUserId, string? FacilitatorName,
    IReadOnlyList<string> ParticipantUserIds, string? Location);

public sealed record ApiReviewMeetingInput(DateTime? StartsAt, int? DurationMinutes, string? FacilitatorUserId, IReadOnlyList<string>? ParticipantUserIds, string? Location);

/// <summary>
/// /api/v1/incidents/{slug}/review-meeting: the postmortem's review meeting, through <see cref="MeetingCommands"/>.
/// PUT sets it: without If-Match only while there is none (201), with the ETag of the one read to change
/// it (200; 428 without, 412 when stale); DELETE cancels it (If-Match). An incident the key's owner may
/// not see answers 404, as one that does not exist.
/// </summary>
public static class MeetingsApi
{
    public static RouteGroupBuilder MapMeetingsApi(this RouteGroupBuilder api)
    {
        var meeting = api.MapGroup("/incidents/{slug}/review-meeting").WithTags("Review meetings");
        meeting.MapGet("/", GetAsync).WithName("GetReviewMeeting").WithSummary("The incident's review meeting; 404 when none is set.");
        meeting.MapPut("/", PutAsync).WithName("SetReviewMeeting")
            .WithSummary("Schedule the review meeting (no If-Match while none is set) or change it (If-Match).");
        meeting.MapDelete("/", DeleteAsync).WithName("CancelReviewMeeting").WithSummary("Cancel the review meeting; needs If-Match.");
        return api;
    }

    private static async Task<IResult> GetAsync(string slug, HttpContext http, TimelineEventQueries incidents, MeetingQueries meetings, CancellationToken ct)
    {
        if (await incidents.IncidentIdAsync(http.Actor(), slug, ct) is not { } id) return ApiProblems.NotFound("incident");
        return await meetings.ForIncidentAsync(http.Actor(), id, ct) is { } row ? ApiRequests.WithETag(http, Of(row), row.Version) : ApiProblems.NotFound("review meeting");
    }

    private static async Task<IResult> PutAsync(string slug, ApiReviewMeetingInput input, HttpContext http, TimelineEventQueries incidents, MeetingQueries meetings,
        MeetingCommands commands, CancellationToken ct)
    {
        if (!http.Actor().May(Permission.Respond)) return ApiRequests.Forbidden(http, Permission.Respond);
        if (await incidents.IncidentIdAsync(http.Actor(), slug, ct) is not { } id) return ApiProblems.NotFound("incident");
        var exists = await meetings.ForIncidentAsync(http.Actor(), id, ct) is not null;
        Guid? version = null;
        if (exists || http.Request.Headers.IfMatch.Count > 0)
        {
            var (read, refusal) = ApiRequests.Precondition(http, Permission.Respond);
            if (refusal is not null) return refusal;
            version = read;
        }
        var result = await commands.ScheduleAsync(http.Actor(), id, new MeetingInput
        {
            StartsAt = input.StartsAt?.ToUniversalTime(), DurationMinutes = input.DurationMinutes ?? 60, FacilitatorUserId = input.FacilitatorUserId,
            ParticipantUserIds = [.. input.ParticipantUserIds ?? []], Location = input.Location,
        }, version, ct);
        if (!result.Succeeded) return ApiProblems.Of(result);
        var row = (await meetings.ForIncidentAsync(http.Actor(), id, ct))!;
        return ApiRequests.WithETag(http, Of(row), row.Version, exists ? null : $"{ApiSetup.Prefix}/incidents/{slug}/review-meeting");
    }

    private static async Task<IResult> DeleteAsync(string slug, HttpContext http, TimelineEventQueries incidents, MeetingCommands commands, CancellationToken ct)
    {
        var (version, refusal) = ApiRequests.Precondition(http, Permission.Respond);
        if (refusal is not null) return refusal;
        if (await incidents.IncidentIdAsync(http.Actor(), slug, ct) is not { } id) return ApiProblems.NotFound("incident");
        var result = await commands.CancelAsync(http.Actor(), id, version, ct);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.Of(result);
    }

    private static ApiReviewMeeting Of(MeetingRow m) =>
        new(DateTime.SpecifyKind(m.StartsAt, DateTimeKind.Utc), m.DurationMinutes, m.FacilitatorUserId, m.FacilitatorName, m.ParticipantUserIds, m.Location);
}
