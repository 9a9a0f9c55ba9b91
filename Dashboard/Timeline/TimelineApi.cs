using Dashboard.Data.Timeline;
using Dashboard.Api;

namespace Dashboard.Timeline;

/// <summary>/api/v1/incidents/{slug}/events: an incident's timeline, one event at a time or many in one transaction.</summary>
public static class TimelineApi
{
    /// <summary>Room for the per-incident limit of events with short texts.</summary>
    public const long BulkBodyBytes = 32L * 1024 * 1024;

    public static RouteGroupBuilder MapTimelineApi(this RouteGroupBuilder api)
    {
        var events = api.MapGroup("/incidents/{slug}/events").WithTags("Timeline events");
        events.MapGet("/", ListAsync).WithName("ListEvents").WithSummary("The incident's events in time order.");
        events.MapGet("/{id:int}", GetAsync).WithName("GetEvent");
        events.MapPost("/", AddAsync).WithName("AddEvent")
            .WithSummary("Add one event. occurredAt: \"2026-03-01 10:20\" (UTC) or \"10:20\" (the incident's date). Warnings (outside the window, a probable duplicate) come back with it.");
        events.MapPost("/bulk", AddManyAsync).WithName("AddEvents").WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(BulkBodyBytes))
            .WithSummary($"Add up to the incident's limit of events in one transaction: all are written, or none (400 names each bad one as [n].field).");
        events.MapPut("/{id:int}", UpdateAsync).WithName("UpdateEvent").WithSummary("Replace an event; needs If-Match.");
        events.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteEvent").WithSummary("Delete an event; needs If-Match.");
        return api;
    }

    private static async Task<IResult> ListAsync(string slug, HttpContext http, TimelineEventQueries events, TimelineQueries timelines, CancellationToken ct)
    {
        if (await events.IncidentIdAsync(http.Actor(), slug, ct) is not { } id || await timelines.GetAsync(http.Actor(), id, ct) is not { } timeline)
            return ApiProblems.NotFound("incident");
        return TypedResults.Ok(timeline.Events.Select(ApiEvent.From).ToList());
    }

    private static async Task<IResult> GetAsync(string slug, int id, HttpContext http, TimelineEventQueries events, CancellationToken ct)
    {
        if (await events.IncidentIdAsync(http.Actor(), slug, ct) is not { } incidentId) return ApiProblems.NotFound("incident");
        return await events.GetAsync(http.Actor(), incidentId, id, ct) is { } e ? ApiRequests.WithETag(http, ApiEvent.From(e), e.Version) : ApiProblems.NotFound("timeline event");
    }

    private static async Task<IResult> AddAsync(string slug, EventInput input, HttpContext http, TimelineEventQueries events, TimelineCommands commands, CancellationToken ct)
    {
        if (!http.Actor().May(Permission.Respond)) return ApiRequests.Forbidden(http, Permission.Respond);
        if (await events.IncidentIdAsync(http.Actor(), slug, ct) is not { } incidentId) return ApiProblems.NotFound("incident");
        var result = await commands.AddAsync(http.Actor(), incidentId, input, ct);
        return result.Succeeded ? await ReadBackAsync(http, events, slug, incidentId, result, created: true, ct) : ApiProblems.Of(result);
    }

    private static async Task<IResult> AddManyAsync(string slug, ApiEventBatch batch, HttpContext http, TimelineEventQueries events, BulkTimelineCommands commands, CancellationToken ct)
    {
        if (!http.Actor().May(Permission.Respond)) return ApiRequests.Forbidden(http, Permission.Respond);
        if (await events.IncidentIdAsync(http.Actor(), slug, ct) is not { } incidentId) return ApiProblems.NotFound("incident");
        var result = await commands.AddManyAsync(http.Actor(), incidentId, batch.Events ?? [], ct);
        return result.Succeeded ? TypedResults.Created($"{ApiSetup.Prefix}/incidents/{slug}/events", new ApiEventBatchResult(result.Count)) : ApiProblems.Of(result);
    }

    private static async Task<IResult> UpdateAsync(string slug, int id, EventInput input, HttpContext http, TimelineEventQueries events, TimelineCommands commands, CancellationToken ct)
    {
        var (version, refusal) = ApiRequests.Precondition(http, Permission.Respond);
        if (refusal is not null) return refusal;
        if (await events.IncidentIdAsync(http.Actor(), slug, ct) is not { } incidentId) return ApiProblems.NotFound("incident");
        var result = await commands.UpdateAsync(http.Actor(), incidentId, id, version, input, ct);
        return result.Succeeded ? await ReadBackAsync(http, events, slug, incidentId, result, created: false, ct) : ApiProblems.Of(result);
    }

    private static async Task<IResult> DeleteAsync(string slug, int id, HttpContext http, TimelineEventQueries events, TimelineCommands commands, CancellationToken ct)
    {
        var (version, refusal) = ApiRequests.Precondition(http, Permission.Respond);
        if (refusal is not null) return refusal;
        if (await events.IncidentIdAsync(http.Actor(), slug, ct) is not { } incidentId) return ApiProblems.NotFound("incident");
        var result = await commands.DeleteAsync(http.Actor(), incidentId, id, version, ct);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.Of(result);
    }

    private static async Task<IResult> ReadBackAsync(HttpContext http, TimelineEventQueries events, string slug, int incidentId, CommandResult result, bool created, CancellationToken ct)
    {
        var e = (await events.GetAsync(http.Actor(), incidentId, result.Id!.Value, ct))!;
        return ApiRequests.WithETag(http, ApiEvent.From(e) with { Warnings = result.Warnings }, e.Version,
            created ? $"{ApiSetup.Prefix}/incidents/{slug}/events/{e.Id}" : null);
    }
}

public sealed record ApiEvent(int Id, DateTime OccurredAt, DateTime? EndsAt, EventKind Kind, string Text, string? Author, EventSource Source,
    bool IsKey, int? ServiceId, string? ServiceName, string Version, EventMoment? Moment)
{
    /// <summary>On a write: saved, but worth a look (outside the incident window, a probable duplicate).</summary>
    public IReadOnlyList<string>? Warnings { get; init; }

    public static ApiEvent From(TimelineEntry e) =>
        new(e.Id, e.OccurredAt, e.EndsAt, e.Kind, e.Text, e.Author, e.Source, e.IsKey, e.ServiceId, e.ServiceName, e.Version.ToString("N"), e.Moment);
}

public sealed record ApiEventBatch(IReadOnlyList<EventInput>? Events);

public sealed record ApiEventBatchResult(int Created);
