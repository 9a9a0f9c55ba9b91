using Dashboard.Api;
using Dashboard.Data.Changes;
using Dashboard.Data.Incidents;
using Dashboard.Data.Catalog;
using Dashboard.Ui.Kit;

namespace Dashboard.Changes;

/// <summary>
/// /api/v1/changes: change events (deploys, configuration, flags) sent by scripts and pipelines, one
/// or many at a time, read back with filters; and /api/v1/incidents/{slug}/changes, the ranked
/// "changes before this incident" with a reason per row, and the responder's trigger mark.
/// </summary>
public static class ChangesApi
{
    /// <summary>Room for a bulk request of <see cref="ChangeRules.BulkCount"/> changes of ordinary size.</summary>
    public const long BulkBodyBytes = 16L * 1024 * 1024;

    public static RouteGroupBuilder MapChangesApi(this RouteGroupBuilder api)
    {
        var changes = api.MapGroup("/changes").WithTags("Changes");
        changes.MapGet("/", ListAsync).WithName("ListChanges")
            .WithSummary("Newest first. Filters: service (catalog key), kind, environment, from, to (UTC), externalId; limit up to 1,000.");
        changes.MapGet("/{id:int}", GetAsync).WithName("GetChange");
        changes.MapPost("/", RecordAsync).WithName("RecordChange")
            .WithSummary("Record a change: kind, services (catalog keys), startedAt, author, title; environment, endedAt, link, labels, externalId optional. The same externalId again answers 200 with the stored change and stores nothing.");
        changes.MapPost("/bulk", RecordManyAsync).WithName("RecordChanges").WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(BulkBodyBytes))
            .WithSummary($"Up to {ChangeRules.BulkCount:N0} changes in one transaction: all are checked and the batch is refused whole (400 names each bad one as [n].Field), or written; already stored external ids are skipped.");
        changes.MapChangeWebhooks();

        var ofIncident = api.MapGroup("/incidents/{slug}/changes").WithTags("Changes");
        ofIncident.MapGet("/", RankedAsync).WithName("ListIncidentChanges")
            .WithSummary("The changes from 24 hours before the start to the end of impact, or in the window from/to (UTC; either end alone moves only that end; at most 31 days, longer is cut from the start), ranked by the dependency graph, each with its reason.");
        ofIncident.MapPut("/{id:int}/mark", MarkAsync).WithName("MarkIncidentChange")
            .WithSummary("Mark a change as the incident's trigger or a contributing change ({\"role\":\"trigger\"|\"contributing\"|null}); a new trigger replaces the old.");
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext http, ChangeQueries queries, string? service, string? kind, string? environment,
        DateTime? from, DateTime? to, string? externalId, int? limit, CancellationToken ct)
    {
        if (kind is { Length: > 0 } && !ChangeRules.TryParseKind(kind, out _))
            return ApiProblems.Validation(new Dictionary<string, string> { ["kind"] = $"'{kind}' is not a kind of change: one of {ChangeRules.KindsInWords}." }, "The filter is not usable.");
        var filter = new ChangeFilter { Service = service, Kind = kind, Environment = environment, From = Utc(from), To = Utc(to), ExternalId = externalId, Limit = limit ?? 100 };
        return TypedResults.Ok((await queries.ListAsync(http.Actor(), filter, ct)).Select(ApiChange.From).ToList());
    }

    private static async Task<IResult> GetAsync(int id, HttpContext http, ChangeQueries queries, CancellationToken ct) =>
        await queries.GetAsync(http.Actor(), id, ct) is { } change ? TypedResults.Ok(ApiChange.From(change)) : ApiProblems.NotFound("change");

    private static async Task<IResult> RecordAsync(ChangeInput input, HttpContext http, ChangeCommands commands, ChangeQueries queries, CancellationToken ct)
    {
        if (!http.Actor().May(Permission.Respond)) return ApiRequests.Forbidden(http, Permission.Respond);
        var result = await commands.RecordAsync(http.Actor().Via(ChangeSource.Api), input, ct);
        return await AnswerAsync(http.Actor(), queries, result, ct);
    }

    /// <summary>201 with the new change, or 200 with the one already stored under that external id.</summary>
    internal static async Task<IResult> AnswerAsync(Actor actor, ChangeQueries queries, CommandResult result, CancellationToken ct)
    {
        if (!result.Succeeded) return ApiProblems.Of(result);
        var change = ApiChange.From((await queries.GetAsync(actor, result.Id!.Value, ct))!);
        return result.Count == 0 ? TypedResults.Ok(change) : TypedResults.Created($"{ApiSetup.Prefix}/changes/{change.Id}", change);
    }

    private static async Task<IResult> RecordManyAsync(ApiChangeBatch batch, HttpContext http, ChangeCommands commands, CancellationToken ct)
    {
        if (!http.Actor().May(Permission.Respond)) return ApiRequests.Forbidden(http, Permission.Respond);
        var inputs = batch.Changes ?? [];
        var result = await commands.RecordManyAsync(http.Actor().Via(ChangeSource.Api), inputs, ct);
        return result.Succeeded
            ? TypedResults.Created($"{ApiSetup.Prefix}/changes", new ApiChangeBatchResult(result.Count, inputs.Count - result.Count))
            : ApiProblems.Of(result);
    }

    private static async Task<IResult> RankedAsync(string slug, HttpContext http, IncidentQueries incidents, ChangeQueries queries, DateTime? from, DateTime? to, CancellationToken ct)
    {
        // Reversed ends are a mistake to name, not a window to guess at (the panel's picker refuses them too).
        if (Utc(from) is { } f && Utc(to) is { } t && t < f)
            return ApiProblems.Validation(new Dictionary<string, string> { ["to"] = "The end of the window is before its start." }, "The window is not usable.");
        if (await incidents.GetAsync(http.Actor(), slug, ct) is not { } incident) return ApiProblems.NotFound("incident");
        var ranked = await queries.BeforeIncidentAsync(http.Actor(), incident.Id, Utc(from), Utc(to), ct);
        return ranked is null ? ApiProblems.NotFound("incident") : TypedResults.Ok(ApiIncidentChanges.Of(ranked));
    }

    private static async Task<IResult> MarkAsync(string slug, int id, ApiChangeMark mark, HttpContext http, IncidentQueries incidents, ChangeCommands commands, CancellationToken ct)
    {
        if (!http.Actor().May(Permission.Respond)) return ApiRequests.Forbidden(http, Permission.Respond);
        if (!TryParseRole(mark.Role, out var role))
            return ApiProblems.Validation(new Dictionary<string, string> { ["Role"] = $"'{mark.Role}' is not a mark: trigger, contributing, or null to clear it." }, "The change was not marked.");
        if (await incidents.GetAsync(http.Actor(), slug, ct) is not { } incident) return ApiProblems.NotFound("incident");
        var result = await commands.MarkAsync(http.Actor().Via(ChangeSource.Api), incident.Id, id, role, ct);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.Of(result);
    }

    private static bool TryParseRole(string? text, out ChangeRole? role)
    {
        role = text?.Trim().ToLowerInvariant() switch
        {
            "trigger" => ChangeRole.Trigger,
            "contributing" => ChangeRole.Contributing,
            _ => null,
        };
        return role is not null || string.IsNullOrWhiteSpace(text);
    }

    /// <summary>A query-string time without a zone is taken as UTC, as everywhere in the API.</summary>
    private static DateTime? Utc(DateTime? t) => t is { } v ? (v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}

public sealed record ApiChangeBatch(List<ChangeInput>? Changes);

public sealed record ApiChangeBatchResult(int Added, int AlreadyStored);

public sealed record ApiChangeMark(string? Role);

public sealed record ApiChangeIncident(string Slug, string Title, string Role);

public sealed record ApiChange(int Id, string? ExternalId, string Kind, string Title, string? Environment, DateTime StartedAt, DateTime? EndedAt,
    string Author, string? Link, IReadOnlyList<string> Labels, IReadOnlyList<string> Services, string Origin, DateTime RecordedAt,
    IReadOnlyList<ApiChangeIncident> Incidents)
{
    public static ApiChange From(ChangeItem c) => new(c.Id, c.ExternalId, ChangeRules.Name(c.Kind), c.Title, c.Environment, c.StartedAt, c.EndedAt,
        c.Author, c.Link, c.Labels, c.Services, c.Origin, c.RecordedAt,
        [.. c.Incidents.Select(i => new ApiChangeIncident(i.Slug, i.Title, ChangeCommands.Word(i.Role)))]);
}

public sealed record ApiRankedChange(int Rank, string Relation, string Service, int? Hops, int ImpactedDownstream, string Reason, string? Mark, ApiChange Change);

public sealed record ApiIncidentChanges(DateTime From, DateTime To, DateTime Start, IReadOnlyList<ApiRankedChange> Changes, int UnrelatedLeftOut)
{
    public static ApiIncidentChanges Of(IncidentChanges x) => new(x.From, x.To, x.Start,
        [.. x.Items.Select(i => new ApiRankedChange(i.Rank, i.Relation.ToString().ToLowerInvariant(), i.ServiceKey, i.Hops, i.ImpactedDownstream, i.Reason,
            i.Mark is { } m ? ChangeCommands.Word(m) : null, ApiChange.From(i.Change)))], x.UnrelatedLeftOut);
}
