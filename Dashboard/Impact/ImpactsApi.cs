using Dashboard.Data.Impact;
using Dashboard.Data.Incidents;
using Dashboard.Api;

namespace Dashboard.Impact;

/// <summary>/api/v1/incidents/{slug}/impacts: the incident's impact windows (a service, a level, a start and an optional end).</summary>
public static class ImpactsApi
{
    public static RouteGroupBuilder MapImpactsApi(this RouteGroupBuilder api)
    {
        var impacts = api.MapGroup("/incidents/{slug}/impacts").WithTags("Impact windows");
        impacts.MapGet("/", ListAsync).WithName("ListImpacts");
        impacts.MapGet("/{id:int}", GetAsync).WithName("GetImpact");
        impacts.MapPost("/", AddAsync).WithName("AddImpact").WithSummary("Add a window: serviceId, level, start and end (UTC, \"2026-03-01 10:15\").");
        impacts.MapPut("/{id:int}", UpdateAsync).WithName("UpdateImpact").WithSummary("Replace a window; needs If-Match.");
        impacts.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteImpact").WithSummary("Delete a window; needs If-Match.");
        return api;
    }

    private static async Task<IResult> ListAsync(string slug, HttpContext http, IncidentQueries queries, CancellationToken ct) =>
        await queries.GetAsync(http.Actor(), slug, ct) is { } incident
            ? TypedResults.Ok(incident.Impacts.Select(ApiImpact.From).ToList())
            : ApiProblems.NotFound("incident");

    private static async Task<IResult> GetAsync(string slug, int id, HttpContext http, IncidentQueries queries, CancellationToken ct)
    {
        if (await queries.GetAsync(http.Actor(), slug, ct) is not { } incident) return ApiProblems.NotFound("incident");
        return incident.Impacts.FirstOrDefault(x => x.Id == id) is { } w ? ApiRequests.WithETag(http, ApiImpact.From(w), w.Version) : ApiProblems.NotFound("impact window");
    }

    private static async Task<IResult> AddAsync(string slug, ImpactInput input, HttpContext http, IncidentQueries queries, ImpactCommands commands, CancellationToken ct)
    {
        if (!http.Actor().May(Permission.Respond)) return ApiRequests.Forbidden(http, Permission.Respond);
        if (await queries.GetAsync(http.Actor(), slug, ct) is not { } incident) return ApiProblems.NotFound("incident");
        var result = await commands.AddAsync(http.Actor(), incident.Id, input, ct);
        return result.Succeeded ? await ReadBackAsync(http, queries, slug, result.Id!.Value, created: true, ct) : ApiProblems.Of(result);
    }

    private static async Task<IResult> UpdateAsync(string slug, int id, ImpactInput input, HttpContext http, IncidentQueries queries, ImpactCommands commands, CancellationToken ct)
    {
        var (version, refusal) = ApiRequests.Precondition(http, Permission.Respond);
        if (refusal is not null) return refusal;
        if (await queries.GetAsync(http.Actor(), slug, ct) is not { } incident) return ApiProblems.NotFound("incident");
        var result = await commands.UpdateAsync(http.Actor(), incident.Id, id, version, input, ct);
        return result.Succeeded ? await ReadBackAsync(http, queries, slug, id, created: false, ct) : ApiProblems.Of(result);
    }

    private static async Task<IResult> DeleteAsync(string slug, int id, HttpContext http, IncidentQueries queries, ImpactCommands commands, CancellationToken ct)
    {
        var (version, refusal) = ApiRequests.Precondition(http, Permission.Respond);
        if (refusal is not null) return refusal;
        if (await queries.GetAsync(http.Actor(), slug, ct) is not { } incident) return ApiProblems.NotFound("incident");
        var result = await commands.DeleteAsync(http.Actor(), incident.Id, id, version, ct);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.Of(result);
    }

    private static async Task<IResult> ReadBackAsync(HttpContext http, IncidentQueries queries, string slug, int id, bool created, CancellationToken ct)
    {
        var w = (await queries.GetAsync(http.Actor(), slug, ct))!.Impacts.Single(x => x.Id == id);
        return ApiRequests.WithETag(http, ApiImpact.From(w), w.Version, created ? $"{ApiSetup.Prefix}/incidents/{slug}/impacts/{id}" : null);
    }
}

public sealed record ApiImpact(int Id, int ServiceId, string ServiceKey, string ServiceName, ImpactLevel Level, DateTime StartedAt, DateTime? EndedAt,
    string? Description, string Version)
{
    public static ApiImpact From(ImpactWindowItem w) =>
        new(w.Id, w.ServiceId, w.ServiceKey, w.ServiceName, w.Level, w.StartedAt, w.EndedAt, w.Description, w.Version.ToString("N"));
}
