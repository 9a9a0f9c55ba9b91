using Dashboard.Data.Actions;
using Dashboard.Data.Timeline;
using Dashboard.Api;

namespace Dashboard.Actions;

/// <summary>
/// Remediation actions: across incidents with the tracker's filters (the same query parameters as
/// the Actions page's address: status, priority, kind, owner, team, incident, overdue, due-within, q),
/// per incident, and one at a time.
/// </summary>
public static class ActionsApi
{
    public static RouteGroupBuilder MapActionsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/actions", ListAsync).WithTags("Actions").WithName("ListActions")
            .WithSummary("Actions across incidents, most urgent first, filtered as on the Actions page; page and pageSize (≤ 200) page through them.");
        api.MapGet("/incidents/{slug}/actions", ListForIncidentAsync).WithTags("Actions").WithName("ListIncidentActions");
        api.MapPost("/incidents/{slug}/actions", CreateAsync).WithTags("Actions").WithName("CreateAction").WithSummary("Add an action to the incident.");
        api.MapGet("/actions/{id:int}", GetAsync).WithTags("Actions").WithName("GetAction");
        api.MapPut("/actions/{id:int}", UpdateAsync).WithTags("Actions").WithName("UpdateAction").WithSummary("Replace an action (status moves too); needs If-Match.");
        api.MapDelete("/actions/{id:int}", DeleteAsync).WithTags("Actions").WithName("DeleteAction").WithSummary("Delete an action; needs If-Match.");
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext http, ActionQueries queries, int? page, int? pageSize, CancellationToken ct) =>
        await PageAsync(http, queries, ActionFilter.FromQuery(http.Request.Query), page, pageSize, ct);

    private static async Task<IResult> ListForIncidentAsync(string slug, HttpContext http, ActionQueries queries, TimelineEventQueries incidents,
        int? page, int? pageSize, CancellationToken ct)
    {
        if (await incidents.IncidentIdAsync(http.Actor(), slug, ct) is not { } id) return ApiProblems.NotFound("incident");
        var filter = ActionFilter.FromQuery(http.Request.Query);
        filter.IncidentId = id;
        return await PageAsync(http, queries, filter, page, pageSize, ct);
    }

    private static async Task<IResult> PageAsync(HttpContext http, ActionQueries queries, ActionFilter filter, int? page, int? pageSize, CancellationToken ct)
    {
        if (page < 0 || pageSize is < 1 or > 200)
            return ApiProblems.Validation(new Dictionary<string, string> { ["page"] = "page: 0 or more; pageSize: 1 to 200." }, "The list's parameters are not usable.");
        var rows = await queries.ListAsync(http.Actor(), filter.ToQuery(page: page ?? 0, pageSize: pageSize ?? 50), ct);
        return TypedResults.Ok(new ApiActionPage([.. rows.Items.Select(ApiAction.From)], rows.Total, page ?? 0, pageSize ?? 50));
    }

    private static async Task<IResult> GetAsync(int id, HttpContext http, ActionQueries queries, CancellationToken ct) =>
        await queries.GetForEditAsync(http.Actor(), id, ct) is { } a
            ? ApiRequests.WithETag(http, new ApiActionFields(id, a.Input, a.Version.ToString("N")), a.Version)
            : ApiProblems.NotFound("action");

    private static async Task<IResult> CreateAsync(string slug, ActionInput input, HttpContext http, TimelineEventQueries incidents, ActionCommands commands,
        ActionQueries queries, CancellationToken ct)
    {
        if (!http.Actor().May(Permission.Respond)) return ApiRequests.Forbidden(http, Permission.Respond);
        if (await incidents.IncidentIdAsync(http.Actor(), slug, ct) is not { } incidentId) return ApiProblems.NotFound("incident");
        var result = await commands.CreateAsync(http.Actor(), incidentId, input, ct);
        return result.Succeeded ? await ReadBackAsync(http, queries, result.Id!.Value, created: true, ct) : ApiProblems.Of(result);
    }

    private static async Task<IResult> UpdateAsync(int id, ActionInput input, HttpContext http, ActionCommands commands, ActionQueries queries, CancellationToken ct)
    {
        var (version, refusal) = ApiRequests.Precondition(http, Permission.Respond);
        if (refusal is not null) return refusal;
        if (await queries.GetForEditAsync(http.Actor(), id, ct) is null) return ApiProblems.NotFound("action");
        var result = await commands.UpdateAsync(http.Actor(), id, version, input, ct);
        return result.Succeeded ? await ReadBackAsync(http, queries, id, created: false, ct) : ApiProblems.Of(result);
    }

    private static async Task<IResult> DeleteAsync(int id, HttpContext http, ActionCommands commands, ActionQueries queries, CancellationToken ct)
    {
        var (version, refusal) = ApiRequests.Precondition(http, Permission.Respond);
        if (refusal is not null) return refusal;
        if (await queries.GetForEditAsync(http.Actor(), id, ct) is null) return ApiProblems.NotFound("action");
        var result = await commands.DeleteAsync(http.Actor(), id, version, ct);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.Of(result);
    }

    private static async Task<IResult> ReadBackAsync(HttpContext http, ActionQueries queries, int id, bool created, CancellationToken ct)
    {
        var a = (await queries.GetForEditAsync(http.Actor(), id, ct))!.Value;
        return ApiRequests.WithETag(http, new ApiActionFields(id, a.Input, a.Version.ToString("N")), a.Version, created ? $"{ApiSetup.Prefix}/actions/{id}" : null);
    }
}

public sealed record ApiActionPage(IReadOnlyList<ApiAction> Items, int Total, int Page, int PageSize);

/// <summary>An action as the tracker lists it, with its incident.</summary>
public sealed record ApiAction(int Id, string IncidentSlug, string IncidentTitle, string Title, string? Owner, string? Team, ActionPriority Priority,
    ActionKind Kind, ActionStatus Status, string? WontDoReason, DateOnly? DueDate, DateTime CreatedAt, DateTime? CompletedAt, string? ExternalUrl,
    bool IsOverdue, string Version)
{
    public static ApiAction From(ActionRow a) => new(a.Id, a.IncidentSlug, a.IncidentTitle, a.Title, a.Owner, a.Team, a.Priority, a.Kind, a.Status,
        a.WontDoReason, a.DueDate, a.CreatedAt, a.CompletedAt, a.ExternalUrl, a.IsOverdue, a.Version.ToString("N"));
}

/// <summary>One action's editable fields (what PUT takes back), with its id and version.</summary>
public sealed record ApiActionFields(int Id, ActionInput Fields, string Version);
