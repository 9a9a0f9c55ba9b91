using Dashboard.Api;
using Dashboard.Data.Trackers;

namespace Dashboard.Trackers;

/// <summary>An action's issues in connected trackers: listed, and asked for (the worker opens them); plus the trackers' webhooks.</summary>
public static class TrackersApi
{
    public static RouteGroupBuilder MapTrackersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/actions/{id:int}/tracker-issues", ListAsync).WithTags("Trackers").WithName("ListTrackerIssues");
        api.MapPost("/actions/{id:int}/tracker-issues", RequestAsync).WithTags("Trackers").WithName("RequestTrackerIssue")
            .WithSummary("Open the action's issue in a connected tracker ({\"connection\": \"name\"}); asked again, the same issue is the answer.");
        api.MapTrackerWebhooks();
        return api;
    }

    private static async Task<IResult> ListAsync(int id, HttpContext http, TrackerQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ForActionAsync(http.Actor(), id, ct));

    private static async Task<IResult> RequestAsync(int id, ApiTrackerIssueRequest request, HttpContext http, TrackerQueries queries,
        TrackerCommands commands, Data.Actions.ActionQueries actions, CancellationToken ct)
    {
        if (!http.Actor().May(Permission.Respond)) return ApiRequests.Forbidden(http, Permission.Respond);
        if (await actions.GetForEditAsync(http.Actor(), id, ct) is null) return ApiProblems.NotFound("action");
        if (await queries.ConnectionAsync(request.Connection ?? "", ct) is not { } target)
            return ApiProblems.Validation(new Dictionary<string, string> { ["connection"] = $"No tracker named '{request.Connection}' is connected." },
                "The connection is not known.");
        var result = await commands.RequestIssueAsync(http.Actor(), id, target.Id, ct);
        if (!result.Succeeded) return ApiProblems.Of(result);
        var issue = (await queries.ForActionAsync(http.Actor(), id, ct)).Single(i => i.ConnectionId == target.Id);
        return result.Count == 0 ? TypedResults.Ok(issue) : TypedResults.Accepted($"{ApiSetup.Prefix}/actions/{id}/tracker-issues", issue);
    }
}

public sealed record ApiTrackerIssueRequest(string? Connection);
