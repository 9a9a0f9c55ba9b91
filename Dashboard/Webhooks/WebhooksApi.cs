using Dashboard.Data.Webhooks;
using Dashboard.Api;

namespace Dashboard.Webhooks;

/// <summary>
/// /api/v1/webhooks: the endpoints of the admin webhooks page, for admin and owner keys only. The
/// signing secret is in the answer to create and rotate, once, and never again.
/// </summary>
public static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooksApi(this RouteGroupBuilder api)
    {
        var hooks = api.MapGroup("/webhooks").RequireAuthorization(ApiSetup.AdminKeyPolicy).WithTags("Webhooks")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        hooks.MapGet("/", ListAsync).WithName("ListWebhooks").WithSummary("The registered endpoints with their queues (admin and owner keys only).");
        hooks.MapGet("/{id:int}", GetAsync).WithName("GetWebhook").WithSummary("One endpoint; its ETag is the version to send in If-Match.");
        hooks.MapPost("/", CreateAsync).WithName("CreateWebhook")
            .WithSummary("Register an endpoint: url, eventTypes, includePrivate (default false). The answer carries the signing secret, the only time it is shown; no Idempotency-Key, since a replay would have to keep it.");
        hooks.MapPut("/{id:int}", UpdateAsync).WithName("UpdateWebhook")
            .WithSummary("Replace url, eventTypes, includePrivate and isEnabled; needs If-Match. Excluding private incidents drops the private messages still queued.");
        hooks.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteWebhook").WithSummary("Delete an endpoint and its delivery log; needs If-Match.");
        hooks.MapPost("/{id:int}/rotate-secret", RotateAsync).WithName("RotateWebhookSecret")
            .WithSummary("A new signing secret, in this answer only. If-Match is optional (the page's button rotates whatever is current). No Idempotency-Key, since a replay would have to keep the secret.");
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext http, WebhookQueries queries, CancellationToken ct) =>
        TypedResults.Ok((await queries.ListAsync(http.Actor(), ct)).Select(ApiWebhook.From).ToList());

    private static async Task<IResult> GetAsync(int id, HttpContext http, WebhookQueries queries, CancellationToken ct) =>
        await queries.GetAsync(http.Actor(), id, ct) is { } row ? ApiRequests.WithETag(http, ApiWebhook.From(row), row.Version) : ApiProblems.NotFound("webhook endpoint");

    private static async Task<IResult> CreateAsync(WebhookInput input, HttpContext http, WebhookCommands commands, WebhookQueries queries, CancellationToken ct)
    {
        if (!http.Actor().May(Permission.Administer)) return ApiRequests.Forbidden(http, Permission.Administer);
        if (NoReplay(http) is { } refused) return refused;
        var (result, secret) = await commands.CreateAsync(http.Actor(), input, ct);
        if (!result.Succeeded) return ApiProblems.Of(result);
        var row = (await queries.GetAsync(http.Actor(), result.Id!.Value, ct))!;
        NoStore(http);
        return ApiRequests.WithETag(http, new ApiWebhookWithSecret(ApiWebhook.From(row), secret!), row.Version, $"{ApiSetup.Prefix}/webhooks/{row.Id}");
    }

    private static async Task<IResult> UpdateAsync(int id, WebhookInput input, HttpContext http, WebhookCommands commands, WebhookQueries queries, CancellationToken ct)
    {
        var (version, refusal) = ApiRequests.Precondition(http, Permission.Administer);
        if (refusal is not null) return refusal;
        var result = await commands.UpdateAsync(http.Actor(), id, version, input, ct);
        if (!result.Succeeded) return ApiProblems.Of(result);
        var row = (await queries.GetAsync(http.Actor(), id, ct))!;
        return ApiRequests.WithETag(http, ApiWebhook.From(row), row.Version);
    }

    private static async Task<IResult> DeleteAsync(int id, HttpContext http, WebhookCommands commands, CancellationToken ct)
    {
        var (version, refusal) = ApiRequests.Precondition(http, Permission.Administer);
        if (refusal is not null) return refusal;
        var result = await commands.DeleteAsync(http.Actor(), id, version, ct);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.Of(result);
    }

    private static async Task<IResult> RotateAsync(int id, HttpContext http, WebhookCommands commands, WebhookQueries queries, CancellationToken ct)
    {
        if (!http.Actor().May(Permission.Administer)) return ApiRequests.Forbidden(http, Permission.Administer);
        Guid? version = null;
        if (http.Request.Headers.IfMatch.Count > 0)
        {
            var (read, problem) = ETags.Required(http.Request);
            if (problem is not null) return problem;
            version = read;
        }
        if (NoReplay(http) is { } refused) return refused;
        var (result, secret) = await commands.RotateSecretAsync(http.Actor(), id, version, ct);
        if (!result.Succeeded) return ApiProblems.Of(result);
        var row = (await queries.GetAsync(http.Actor(), id, ct))!;
        NoStore(http);
        return ApiRequests.WithETag(http, new ApiWebhookWithSecret(ApiWebhook.From(row), secret!), row.Version);
    }

    /// <summary>
    /// Idempotent POSTs keep their answer for a day to replay it; an answer with a signing secret
    /// must not be kept, so these two refuse the header instead of storing the secret readable.
    /// </summary>
    private static IResult? NoReplay(HttpContext http) =>
        http.Request.Headers.ContainsKey(ApiProtocol.IdempotencyHeader)
            ? ApiProblems.Validation(new Dictionary<string, string>
              {
                  [ApiProtocol.IdempotencyHeader] = "Not accepted here: the answer carries a signing secret shown once, and a replay would have to keep it. List the endpoints to see whether a retry is needed.",
              }, "The Idempotency-Key header is not accepted for this request.")
            : null;

    private static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "no-store";
}

public sealed record ApiWebhook(int Id, string Url, IReadOnlyList<string> EventTypes, bool IncludePrivate, bool IsEnabled, string? DisabledReason,
    DateTime? DisabledAt, DateTime CreatedAt, string CreatedBy, DateTime? SecretRotatedAt, bool SecretProtected, int Pending, int Failed, string Version)
{
    public static ApiWebhook From(WebhookEndpointRow e) => new(e.Id, e.Url, e.EventTypes, e.IncludePrivate, e.IsEnabled, e.DisabledReason,
        e.DisabledAt, e.CreatedAt, e.CreatedBy, e.SecretRotatedAt, e.SecretProtected, e.Pending, e.Failed, e.Version.ToString("N"));
}

/// <summary>The answer to create and rotate: the endpoint and its signing secret, which is not shown again.</summary>
public sealed record ApiWebhookWithSecret(ApiWebhook Endpoint, string Secret);
