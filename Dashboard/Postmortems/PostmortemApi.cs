using Dashboard.Data.Postmortems;
using Dashboard.Account;
using Dashboard.Api;

namespace Dashboard.Postmortems;

/// <summary>
/// /api/v1/incidents/{slug}/postmortem: the Markdown export (YAML front matter with the incident's
/// record, then the text) to GET, the text to PUT back, and the review workflow's moves.
/// </summary>
public static class PostmortemApi
{
    /// <summary>A postmortem at its limit, with room for the front matter of a large incident.</summary>
    public const long BodyBytes = Limits.PostmortemFileBytes;

    public static RouteGroupBuilder MapPostmortemApi(this RouteGroupBuilder api)
    {
        var postmortem = api.MapGroup("/incidents/{slug}/postmortem").WithTags("Postmortem");
        postmortem.MapGet("/", GetAsync).WithName("GetPostmortem")
            .WithSummary("The postmortem as Markdown with YAML front matter (the incident's record), as the app exports it; its ETag is the text's version.")
            .Produces<string>(StatusCodes.Status200OK, "text/markdown");
        postmortem.MapPut("/", PutAsync).WithName("PutPostmortem").WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(BodyBytes))
            .Accepts<string>("text/markdown")
            .WithSummary("Save the postmortem text (text/markdown; needs If-Match). Front matter, if present, must name this incident and is not applied: the record changes through its own resources.");
        postmortem.MapGet("/workflow", WorkflowAsync).WithName("GetPostmortemWorkflow").WithSummary("Where the postmortem is in review, its history, and the moves open from here.");
        postmortem.MapPost("/transitions", MoveAsync).WithName("MovePostmortem")
            .WithSummary("Move the postmortem (submit, publish, reopen with a note, back to draft). 409 if its status changed meanwhile.");
        return api;
    }

    private static async Task<IResult> GetAsync(string slug, HttpContext http, PostmortemFiles files, PostmortemQueries queries, CancellationToken ct)
    {
        if (await queries.GetAsync(http.Actor(), slug, ct) is not { } doc || await files.ExportMarkdownAsync(http.Actor(), slug, ct) is not { } file)
            return ApiProblems.NotFound("incident");
        http.Response.Headers.ETag = ETags.Of(doc.Version);
        return TypedResults.Text(file.Content, "text/markdown; charset=utf-8");
    }

    private static async Task<IResult> PutAsync(string slug, HttpContext http, PostmortemQueries queries, PostmortemCommands commands, CancellationToken ct)
    {
        var (version, refusal) = ApiRequests.Precondition(http, Permission.Respond);
        if (refusal is not null) return refusal;
        if (await queries.GetAsync(http.Actor(), slug, ct) is not { } doc) return ApiProblems.NotFound("incident");
        using var reader = new StreamReader(http.Request.Body);
        var content = await reader.ReadToEndAsync(ct);
        var text = content;
        if (content.StartsWith("---", StringComparison.Ordinal))
        {
            var (document, body, error) = FrontMatter.Read(content);
            if (error is not null) return ApiProblems.Validation(new Dictionary<string, string> { ["frontMatter"] = error }, "The front matter could not be read.");
            if (document?.Slug is { } named && named != slug)
                return ApiProblems.Validation(new Dictionary<string, string> { ["frontMatter"] = $"The front matter is about {named}, not {slug}." }, "The document belongs to another incident.");
            text = body;
        }
        var result = await commands.SaveAsync(http.Actor(), doc.IncidentId, version, text, ct);
        if (!result.Succeeded) return ApiProblems.Of(result);
        http.Response.Headers.ETag = ETags.Of(result.Version!.Value);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> WorkflowAsync(string slug, HttpContext http, PostmortemQueries queries, CancellationToken ct) =>
        await queries.GetAsync(http.Actor(), slug, ct) is { } doc
            ? ApiRequests.WithETag(http, ApiWorkflow.From(doc), doc.Version)
            : ApiProblems.NotFound("incident");

    private static async Task<IResult> MoveAsync(string slug, ApiMove move, HttpContext http, PostmortemQueries queries, PostmortemCommands commands, CancellationToken ct)
    {
        if (await queries.GetAsync(http.Actor(), slug, ct) is not { } doc) return ApiProblems.NotFound("incident");
        if (!PostmortemWorkflow.MovesFrom(doc.Status).Any(m => m.To == move.To))
            return ApiProblems.Problem(StatusCodes.Status409Conflict, "Conflict", $"A postmortem that is {doc.Status} cannot move to {move.To}.");
        var result = await commands.TransitionAsync(http.Actor(), doc.IncidentId, doc.Status, move.To, move.Note, ct);
        if (result.Outcome == Outcome.Conflict)
            return ApiProblems.Problem(StatusCodes.Status409Conflict, "Conflict", "The postmortem's status changed meanwhile; read the workflow again.");
        if (!result.Succeeded) return ApiProblems.Of(result);
        return TypedResults.Ok(ApiWorkflow.From((await queries.GetAsync(http.Actor(), slug, ct))!));
    }
}

public sealed record ApiMove(PostmortemStatus To, string? Note);

public sealed record ApiWorkflow(PostmortemStatus Status, IReadOnlyList<PostmortemStatus> MovesTo, IReadOnlyList<TransitionItem> History, DateTime? SavedAt, string? SavedBy)
{
    public static ApiWorkflow From(PostmortemDocument doc) =>
        new(doc.Status, [.. PostmortemWorkflow.MovesFrom(doc.Status).Select(m => m.To)], doc.History, doc.SavedAt, doc.SavedBy);
}
