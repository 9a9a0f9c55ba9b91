using System.Text.Json;
using Dashboard.Api;
using Dashboard.Changes;
using Dashboard.Data.Trackers;
using Microsoft.Extensions.Options;

namespace Dashboard.Trackers;

/// <summary>
/// The trackers' way back in: <c>POST /api/v1/trackers/{name}/webhook</c>, one address per
/// connection. GitHub signs with <c>X-Hub-Signature-256</c> and Jira's admin webhooks with
/// <c>X-Hub-Signature</c>, both <c>sha256=</c> HMAC-SHA256 of the raw body with the connection's
/// webhook secret; the check is the change receiver's. Unsigned or wrongly signed deliveries are
/// 401 and change nothing.
/// </summary>
public static class TrackerWebhooks
{
    public static RouteGroupBuilder MapTrackerWebhooks(this RouteGroupBuilder api)
    {
        api.MapPost("/trackers/{name}/webhook", ReceiveAsync).AllowAnonymous().DisableAntiforgery().WithTags("Trackers").WithName("TrackerWebhook")
            .WithSummary("A connected tracker's webhook (GitHub issues events; Jira issue updates), signed with Trackers:Credentials:{name}:WebhookSecret.");
        return api;
    }

    private static async Task<IResult> ReceiveAsync(string name, HttpContext http, TrackerQueries queries, TrackerCommands commands,
        IEnumerable<ITrackerProvider> providers, IOptionsMonitor<TrackerOptions> options, TimeProvider clock, CancellationToken ct)
    {
        // The same answer for an unknown connection and an unset secret: an anonymous caller learns nothing about which names exist.
        var target = await queries.ConnectionAsync(name, ct);
        var secret = options.CurrentValue.For(name)?.WebhookSecret;
        if (target is null || string.IsNullOrEmpty(secret))
            return Unsigned($"No connection '{name}' with a webhook secret (Trackers:Credentials:{name}:WebhookSecret), so no delivery can be verified.");
        var provider = providers.Single(p => p.Kind == target.Kind);
        var body = await ReadAsync(http, ct);
        if (body is null) return ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {ChangeWebhooks.MaxBodyBytes / 1024} KB.");
        if (!ChangeWebhooks.GitHubSignatureMatches(secret, body, http.Request.Headers[provider.SignatureHeader].FirstOrDefault()))
            return Unsigned($"The {provider.SignatureHeader} header does not match the body signed with this connection's webhook secret.");

        RemoteIssueChange? change;
        string? ignored;
        try { (change, ignored) = provider.ReadWebhook(target, options.CurrentValue.For(name)!, http.Request.Headers, body, clock.GetUtcNow().UtcDateTime); }
        catch (JsonException ex) { return ApiProblems.Status(StatusCodes.Status400BadRequest, $"The body is not the tracker's documented webhook JSON: {ex.Message}"); }
        if (change is null) return ignored == "ping" ? TypedResults.Ok(new { pong = true }) : Ignored(ignored!);

        var result = await commands.ApplyRemoteAsync(TrackerCommands.ActorFor(target.Name, target.Kind), target.Id, change, ct);
        if (result.Outcome == Outcome.NotFound) return Ignored($"Issue {change.ExternalId} was not opened from IncidentBoard.");
        // The sender is anonymous: the answer names no action or incident (an edge, under the edges rule).
        return result.Succeeded ? TypedResults.Ok(new { applied = result.Count > 0 }) : ApiProblems.Of(result);
    }

    private static IResult Unsigned(string detail) => ApiProblems.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", detail);

    /// <summary>202: understood and deliberately not applied, so the tracker does not retry.</summary>
    private static IResult Ignored(string reason) => TypedResults.Accepted((string?)null, new { ignored = reason });

    private static async Task<byte[]?> ReadAsync(HttpContext http, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > ChangeWebhooks.MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
