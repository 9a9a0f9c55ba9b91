using Dashboard.Api;
using Dashboard.Data.StatusPages;

namespace Dashboard.StatusPages;

/// <summary>
/// /api/v1/status-pages (admin keys): the pages, their settings and components; and
/// /api/v1/incidents/{slug}/status-updates: an incident's public stream, drafted by responders and
/// published by the communications lead or an admin.
/// </summary>
public static class StatusPagesApi
{
    public static RouteGroupBuilder MapStatusPagesApi(this RouteGroupBuilder api)
    {
        var pages = api.MapGroup("/status-pages").RequireAuthorization(ApiSetup.AdminKeyPolicy).WithTags("Status pages")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        pages.MapGet("/", ListAsync).WithName("ListStatusPages").WithSummary("Every status page with its settings and components (admin and owner keys only).");
        pages.MapGet("/{key}", GetAsync).WithName("GetStatusPage").WithSummary("One page; its ETag is the version to send in If-Match.");
        pages.MapPost("/", CreateAsync).WithName("CreateStatusPage")
            .WithSummary("Create a page: key (its address /pages/{key}), name, audience (Public, Internal, Restricted), roles, logoUrl, description, embedOrigins, impactDrivesColour, components [{serviceKey, displayName}].");
        pages.MapPut("/{key}", UpdateAsync).WithName("UpdateStatusPage").WithSummary("Replace a page's settings and components; needs If-Match.");
        pages.MapDelete("/{key}", DeleteAsync).WithName("DeleteStatusPage").WithSummary("Delete a page (its published updates stay on the incidents); needs If-Match.");

        pages.MapGet("/{key}/maintenances", MaintenancesAsync).WithName("ListMaintenances").WithSummary("The page's maintenances, soonest first, each with its state now.");
        pages.MapPost("/{key}/maintenances", ScheduleAsync).WithName("ScheduleMaintenance")
            .WithSummary("Schedule maintenance: title, body, scheduledFor and scheduledUntil (UTC), verifyMinutes (default 15), components [serviceKey]. It moves scheduled → in progress → verifying → completed by itself.");
        pages.MapDelete("/{key}/maintenances/{id:int}", CancelAsync).WithName("CancelMaintenance").WithSummary("Cancel (remove) a maintenance.");

        var updates = api.MapGroup("/incidents/{slug}/status-updates").WithTags("Status updates");
        updates.MapGet("/", ListUpdatesAsync).WithName("ListStatusUpdates").WithSummary("The incident's public updates, drafts and published, newest first.");
        updates.MapGet("/{id:int}", GetUpdateAsync).WithName("GetStatusUpdate");
        updates.MapPost("/", DraftAsync).WithName("DraftStatusUpdate")
            .WithSummary("Draft a public update (responder keys): title, state (Investigating, Identified, Monitoring, Resolved), body, components {serviceKey: level}.");
        updates.MapPut("/{id:int}", EditAsync).WithName("EditStatusUpdate").WithSummary("Rewrite a draft; needs If-Match. A published update is corrected instead.");
        updates.MapDelete("/{id:int}", DeleteDraftAsync).WithName("DeleteStatusUpdate").WithSummary("Delete a draft (a published update stays).");
        updates.MapPost("/{id:int}/publish", PublishAsync).WithName("PublishStatusUpdate")
            .WithSummary("Publish to pages: {pages: [key, …]}; the key's owner must be the incident's communications lead, or an admin.");
        updates.MapPost("/{id:int}/correct", CorrectAsync).WithName("CorrectStatusUpdate")
            .WithSummary("Correct a published update's title and body: {title, body}; needs If-Match. The pages say it was corrected.");
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext http, StatusPageQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(http.Actor(), ct));

    private static async Task<IResult> GetAsync(string key, HttpContext http, StatusPageQueries queries, CancellationToken ct) =>
        await queries.GetAsync(http.Actor(), key, ct) is { } page ? ApiRequests.WithETag(http, page, page.Version) : ApiProblems.NotFound("status page");

    private static async Task<IResult> CreateAsync(StatusPageInput input, HttpContext http, StatusPageCommands commands, StatusPageQueries queries, CancellationToken ct)
    {
        if (!http.Actor().May(Permission.Administer)) return ApiRequests.Forbidden(http, Permission.Administer);
        var result = await commands.CreateAsync(http.Actor(), input, ct);
        if (!result.Succeeded) return ApiProblems.Of(result);
        var page = (await queries.GetAsync(http.Actor(), result.Key!, ct))!;
        return ApiRequests.WithETag(http, page, page.Version, $"{ApiSetup.Prefix}/status-pages/{page.Key}");
    }

    private static async Task<IResult> UpdateAsync(string key, StatusPageInput input, HttpContext http, StatusPageCommands commands, StatusPageQueries queries, CancellationToken ct)
    {
        var (version, refusal) = ApiRequests.Precondition(http, Permission.Administer);
        if (refusal is not null) return refusal;
        if (await queries.GetAsync(http.Actor(), key, ct) is not { } current) return ApiProblems.NotFound("status page");
        var result = await commands.UpdateAsync(http.Actor(), current.Id, version, input, ct);
        if (!result.Succeeded) return ApiProblems.Of(result);
        var page = (await queries.GetAsync(http.Actor(), result.Key!, ct))!;
        return ApiRequests.WithETag(http, page, page.Version);
    }

    private static async Task<IResult> DeleteAsync(string key, HttpContext http, StatusPageCommands commands, StatusPageQueries queries, CancellationToken ct)
    {
        var (version, refusal) = ApiRequests.Precondition(http, Permission.Administer);
        if (refusal is not null) return refusal;
        if (await queries.GetAsync(http.Actor(), key, ct) is not { } current) return ApiProblems.NotFound("status page");
        var result = await commands.DeleteAsync(http.Actor(), current.Id, version, ct);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.Of(result);
    }

    private static async Task<IResult> MaintenancesAsync(string key, HttpContext http, StatusPageQueries queries, CancellationToken ct) =>
        await queries.GetAsync(http.Actor(), key, ct) is null ? ApiProblems.NotFound("status page") : TypedResults.Ok(await queries.MaintenancesAsync(http.Actor(), key, ct));

    private static async Task<IResult> ScheduleAsync(string key, MaintenanceInput input, HttpContext http, MaintenanceCommands commands, StatusPageQueries queries, CancellationToken ct)
    {
        if (!http.Actor().May(Permission.Administer)) return ApiRequests.Forbidden(http, Permission.Administer);
        var result = await commands.ScheduleAsync(http.Actor(), key, input, ct);
        if (!result.Succeeded) return ApiProblems.Of(result);
        var row = (await queries.MaintenancesAsync(http.Actor(), key, ct)).Single(m => m.Id == result.Id);
        return ApiRequests.WithETag(http, row, row.Version, $"{ApiSetup.Prefix}/status-pages/{key}/maintenances/{row.Id}");
    }

    private static async Task<IResult> CancelAsync(string key, int id, HttpContext http, MaintenanceCommands commands, StatusPageQueries queries, CancellationToken ct)
    {
        if (!http.Actor().May(Permission.Administer)) return ApiRequests.Forbidden(http, Permission.Administer);
        if (!(await queries.MaintenancesAsync(http.Actor(), key, ct)).Any(m => m.Id == id)) return ApiProblems.NotFound("maintenance");
        var result = await commands.CancelAsync(http.Actor(), id, ct);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.Of(result);
    }

    private static async Task<IResult> ListUpdatesAsync(string slug, HttpContext http, StatusPageQueries queries, CancellationToken ct) =>
        await queries.IncidentIdAsync(http.Actor(), slug, ct) is { } id && await queries.ForIncidentAsync(http.Actor(), id, ct) is { } stream
            ? TypedResults.Ok(stream.Updates)
            : ApiProblems.NotFound("incident");

    private static async Task<IResult> GetUpdateAsync(string slug, int id, HttpContext http, StatusPageQueries queries, CancellationToken ct) =>
        await UpdateOfAsync(slug, id, http, queries, ct) is { } update ? ApiRequests.WithETag(http, update, update.Version) : ApiProblems.NotFound("status update");

    private static async Task<IResult> DraftAsync(string slug, StatusUpdateInput input, HttpContext http, StatusUpdateCommands commands, StatusPageQueries queries, CancellationToken ct)
    {
        if (!http.Actor().May(Permission.Respond)) return ApiRequests.Forbidden(http, Permission.Respond);
        if (await queries.IncidentIdAsync(http.Actor(), slug, ct) is not { } incident) return ApiProblems.NotFound("incident");
        var result = await commands.DraftAsync(http.Actor(), incident, input, ct);
        if (!result.Succeeded) return ApiProblems.Of(result);
        var update = (await queries.UpdateAsync(http.Actor(), result.Id!.Value, ct))!;
        return ApiRequests.WithETag(http, update, update.Version, $"{ApiSetup.Prefix}/incidents/{slug}/status-updates/{update.Id}");
    }

    private static async Task<IResult> EditAsync(string slug, int id, StatusUpdateInput input, HttpContext http, StatusUpdateCommands commands, StatusPageQueries queries, CancellationToken ct)
    {
        var (version, refusal) = ApiRequests.Precondition(http, Permission.Respond);
        if (refusal is not null) return refusal;
        if (await UpdateOfAsync(slug, id, http, queries, ct) is null) return ApiProblems.NotFound("status update");
        var result = await commands.EditDraftAsync(http.Actor(), id, version, input, ct);
        return result.Succeeded ? ApiRequests.WithETag(http, (await queries.UpdateAsync(http.Actor(), id, ct))!, result.Version!.Value) : ApiProblems.Of(result);
    }

    private static async Task<IResult> DeleteDraftAsync(string slug, int id, HttpContext http, StatusUpdateCommands commands, StatusPageQueries queries, CancellationToken ct)
    {
        if (!http.Actor().May(Permission.Respond)) return ApiRequests.Forbidden(http, Permission.Respond);
        if (await UpdateOfAsync(slug, id, http, queries, ct) is null) return ApiProblems.NotFound("status update");
        var result = await commands.DeleteDraftAsync(http.Actor(), id, ct);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.Of(result);
    }

    private static async Task<IResult> PublishAsync(string slug, int id, ApiPublish body, HttpContext http, StatusUpdateCommands commands, StatusPageQueries queries, CancellationToken ct)
    {
        if (await UpdateOfAsync(slug, id, http, queries, ct) is null) return ApiProblems.NotFound("status update");
        var result = await commands.PublishAsync(http.Actor(), id, body.Pages ?? [], ct);
        if (result.Outcome == Outcome.Forbidden)
            return ApiProblems.Problem(StatusCodes.Status403Forbidden, "Forbidden", "Only the incident's communications lead or an admin may publish its status updates.");
        return result.Succeeded ? ApiRequests.WithETag(http, (await queries.UpdateAsync(http.Actor(), id, ct))!, result.Version!.Value) : ApiProblems.Of(result);
    }

    private static async Task<IResult> CorrectAsync(string slug, int id, ApiCorrection body, HttpContext http, StatusUpdateCommands commands, StatusPageQueries queries, CancellationToken ct)
    {
        var (version, refusal) = ApiRequests.Precondition(http, Permission.Respond);
        if (refusal is not null) return refusal;
        if (await UpdateOfAsync(slug, id, http, queries, ct) is null) return ApiProblems.NotFound("status update");
        var result = await commands.CorrectAsync(http.Actor(), id, version, body.Title ?? "", body.Body ?? "", ct);
        if (result.Outcome == Outcome.Forbidden)
            return ApiProblems.Problem(StatusCodes.Status403Forbidden, "Forbidden", "Only the incident's communications lead or an admin may correct its published updates.");
        return result.Succeeded ? ApiRequests.WithETag(http, (await queries.UpdateAsync(http.Actor(), id, ct))!, result.Version!.Value) : ApiProblems.Of(result);
    }

    private static async Task<StatusUpdateRow?> UpdateOfAsync(string slug, int id, HttpContext http, StatusPageQueries queries, CancellationToken ct) =>
        await queries.IncidentIdAsync(http.Actor(), slug, ct) is { } incident && await queries.UpdateAsync(http.Actor(), id, ct) is { } update && update.IncidentId == incident
            ? update
            : null;
}

/// <summary>The pages to publish to, by key.</summary>
public sealed record ApiPublish(IReadOnlyList<string>? Pages);

public sealed record ApiCorrection(string? Title, string? Body);
