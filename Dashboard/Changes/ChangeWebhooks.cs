using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dashboard.Api;
using Dashboard.Data.Changes;
using Microsoft.Extensions.Options;
using Dashboard.Account;
using Dashboard.Incidents;
using Dashboard.Ui.Kit;

namespace Dashboard.Changes;

/// <summary>Settings <c>Changes:GitHub</c> and <c>Changes:ArgoCd</c>: each receiver's secret and its rule from repository or application to catalog services.</summary>
public sealed class ChangeWebhookOptions
{
    public const string Section = "Changes";
    public GitHubReceiverOptions GitHub { get; set; } = new();
    public ArgoCdReceiverOptions ArgoCd { get; set; } = new();
}

public sealed class GitHubReceiverOptions
{
    /// <summary>The webhook's secret as set on GitHub; unset, the receiver answers 404.</summary>
    public string? Secret { get; set; }
    /// <summary>"owner/repo" → the catalog keys its deployments change.</summary>
    public Dictionary<string, string[]> Repositories { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class ArgoCdReceiverOptions
{
    /// <summary>The value Argo CD sends in <c>X-IncidentBoard-Token</c> (its notifications are not signed); unset, the receiver answers 404.</summary>
    public string? Token { get; set; }
    /// <summary>Application name → the catalog keys its syncs change.</summary>
    public Dictionary<string, string[]> Applications { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// The signed ways in for changes teams already announce: GitHub's <c>deployment_status</c> event
/// (HMAC-SHA256 of the body in <c>X-Hub-Signature-256</c>) and Argo CD notifications (a shared token
/// header, since Argo CD cannot sign). They need no API key, so they are checked before anything is
/// read: a wrong signature is 401 and nothing changes. Each delivery becomes a change through the same
/// command as the API, under an external id built from the sender's ids, so a redelivery is stored once.
/// </summary>
public static class ChangeWebhooks
{
    public const string GitHubSignatureHeader = "X-Hub-Signature-256";
    public const string GitHubEventHeader = "X-GitHub-Event";
    public const string ArgoCdTokenHeader = "X-IncidentBoard-Token";
    public const long MaxBodyBytes = 1024 * 1024;

    private static readonly JsonSerializerOptions Snake = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapChangeWebhooks(this RouteGroupBuilder changes)
    {
        changes.MapPost("/github", GitHubAsync).AllowAnonymous().DisableAntiforgery().WithName("ChangeFromGitHub")
            .WithSummary("GitHub webhook (deployment_status), signed with the secret in settings Changes:GitHub:Secret; repositories map to services in Changes:GitHub:Repositories.");
        changes.MapPost("/argocd", ArgoCdAsync).AllowAnonymous().DisableAntiforgery().WithName("ChangeFromArgoCd")
            .WithSummary("Argo CD notification (webhook service), with X-IncidentBoard-Token set to Changes:ArgoCd:Token; applications map to services in Changes:ArgoCd:Applications.");
        return changes;
    }

    /// <summary>Constant-time check of GitHub's <c>sha256=&lt;hex&gt;</c> against the body.</summary>
    public static bool GitHubSignatureMatches(string secret, byte[] body, string? header)
    {
        if (header is null || !header.StartsWith("sha256=", StringComparison.Ordinal)) return false;
        byte[] given;
        try { given = Convert.FromHexString(header["sha256=".Length..]); }
        catch (FormatException) { return false; }
        return CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body), given);
    }

    private static async Task<IResult> GitHubAsync(HttpContext http, IOptionsMonitor<ChangeWebhookOptions> options, ChangeCommands commands, CancellationToken ct)
    {
        var settings = options.CurrentValue.GitHub;
        // Unset, no delivery can be verified: refused like an unsigned one, as every /api/v1 endpoint refuses a caller it cannot authenticate.
        if (string.IsNullOrEmpty(settings.Secret)) return Unsigned("This receiver has no secret set (Changes:GitHub:Secret), so no delivery can be verified.");
        var body = await ReadAsync(http, ct);
        if (body is null) return ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {MaxBodyBytes / 1024} KB.");
        if (!GitHubSignatureMatches(settings.Secret, body, http.Request.Headers[GitHubSignatureHeader].FirstOrDefault()))
            return Unsigned($"The {GitHubSignatureHeader} header does not match the body signed with this receiver's secret.");

        var kind = http.Request.Headers[GitHubEventHeader].ToString();
        if (kind == "ping") return TypedResults.Ok(new { pong = true });
        if (kind != "deployment_status") return Ignored($"'{kind}' events are not changes; send deployment_status.");
        GitHubDeploymentStatusEvent? payload;
        try { payload = JsonSerializer.Deserialize<GitHubDeploymentStatusEvent>(body, Snake); }
        catch (JsonException ex) { return ApiProblems.Status(StatusCodes.Status400BadRequest, $"The body is not GitHub's deployment_status JSON: {ex.Message}"); }
        if (payload?.Deployment is not { } deployment || payload.DeploymentStatus is not { } status || payload.Repository?.FullName is not { } repository)
            return ApiProblems.Status(StatusCodes.Status400BadRequest, "The body lacks deployment, deployment_status or repository.full_name.");
        if (status.State is not ("success" or "failure" or "error")) return Ignored($"A '{status.State}' deployment is not finished; it is recorded when it succeeds or fails.");
        if (!settings.Repositories.TryGetValue(repository, out var services)) return Ignored($"'{repository}' is not mapped to services in Changes:GitHub:Repositories.");

        var sha = deployment.Sha is { Length: >= 7 } s ? s[..7] : deployment.Sha ?? "";
        var environment = status.Environment ?? deployment.Environment;
        var input = new ChangeInput
        {
            ExternalId = $"github:{repository}:deployment:{deployment.Id}",
            Kind = nameof(ChangeKind.Deploy),
            Services = [.. services],
            Environment = environment,
            StartedAt = deployment.CreatedAt,
            EndedAt = status.CreatedAt,
            Author = deployment.Creator?.Login ?? payload.Sender?.Login ?? "GitHub",
            Title = Cut($"Deploy {repository}@{(deployment.Ref is { Length: > 0 } r && r != deployment.Sha ? $"{r} ({sha})" : sha)} to {environment}" + (status.State == "success" ? "" : $": {status.State}")),
            Link = payload.Repository.HtmlUrl is { } html && deployment.Sha is { } full ? $"{html}/commit/{full}" : status.TargetUrl,
            Labels = ["github", $"state:{status.State}"],
        };
        return await RecordAsync(GitHubActor, input, commands, ct);
    }

    private static async Task<IResult> ArgoCdAsync(HttpContext http, IOptionsMonitor<ChangeWebhookOptions> options, ChangeCommands commands, CancellationToken ct)
    {
        var settings = options.CurrentValue.ArgoCd;
        if (string.IsNullOrEmpty(settings.Token)) return Unsigned("This receiver has no token set (Changes:ArgoCd:Token), so no delivery can be verified.");
        var given = Encoding.UTF8.GetBytes(http.Request.Headers[ArgoCdTokenHeader].ToString());
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(given), SHA256.HashData(Encoding.UTF8.GetBytes(settings.Token))))
            return Unsigned($"The {ArgoCdTokenHeader} header does not hold this receiver's token.");
        var body = await ReadAsync(http, ct);
        if (body is null) return ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {MaxBodyBytes / 1024} KB.");
        ArgoCdNotification? n;
        try { n = JsonSerializer.Deserialize<ArgoCdNotification>(body, Web); }
        catch (JsonException ex) { return ApiProblems.Status(StatusCodes.Status400BadRequest, $"The body is not the documented Argo CD template's JSON: {ex.Message}"); }
        if (n?.App is not { Length: > 0 } app) return ApiProblems.Status(StatusCodes.Status400BadRequest, "The body lacks app (the application's name).");
        if (n.Phase is not ("Succeeded" or "Failed" or "Error")) return Ignored($"A '{n.Phase}' sync is not finished; it is recorded when it succeeds or fails.");
        if (!settings.Applications.TryGetValue(app, out var services)) return Ignored($"'{app}' is not mapped to services in Changes:ArgoCd:Applications.");
        var revision = n.Revision is { Length: >= 7 } rev ? rev[..7] : n.Revision ?? "";
        var input = new ChangeInput
        {
            ExternalId = $"argocd:{app}:{n.Revision}:{n.StartedAt}",
            Kind = nameof(ChangeKind.Deploy),
            Services = [.. services],
            Environment = n.Environment,
            StartedAt = n.StartedAt,
            EndedAt = n.FinishedAt,
            Author = n.Author is { Length: > 0 } a ? a : "Argo CD",
            Title = Cut($"Argo CD sync of {app} to {revision}" + (n.Phase == "Succeeded" ? "" : $": {n.Phase.ToLowerInvariant()}")),
            Link = n.Url,
            Labels = ["argocd", $"phase:{n.Phase.ToLowerInvariant()}"],
        };
        return await RecordAsync(ArgoCdActor, input, commands, ct);
    }

    private static readonly Actor GitHubActor = new(ActorKind.System, "webhook:github", Role.Responder, ChangeSource.Import) { DisplayName = "GitHub" };
    private static readonly Actor ArgoCdActor = new(ActorKind.System, "webhook:argocd", Role.Responder, ChangeSource.Import) { DisplayName = "Argo CD" };

    /// <summary>
    /// The answer names only the stored change: the sender is anonymous, so it is not told which
    /// incidents the change is marked on (an edge, under the edges rule).
    /// </summary>
    private static async Task<IResult> RecordAsync(Actor actor, ChangeInput input, ChangeCommands commands, CancellationToken ct)
    {
        var result = await commands.RecordAsync(actor, input, ct);
        if (!result.Succeeded) return ApiProblems.Of(result);
        var answer = new ApiWebhookChange(result.Id!.Value, input.ExternalId!, AlreadyStored: result.Count == 0);
        return result.Count == 0 ? TypedResults.Ok(answer) : TypedResults.Created($"{ApiSetup.Prefix}/changes/{answer.Id}", answer);
    }

    private static IResult Unsigned(string detail) => ApiProblems.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", detail);

    /// <summary>202: understood and deliberately not stored, so the sender does not retry.</summary>
    private static IResult Ignored(string reason) => TypedResults.Accepted((string?)null, new { ignored = reason });

    private static string Cut(string title) => title.Length <= Limits.TitleLength ? title : title[..(Limits.TitleLength - 1)] + "…";

    /// <summary>The raw body (the signature is over these bytes), or null past the limit.</summary>
    private static async Task<byte[]?> ReadAsync(HttpContext http, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}

public sealed record ApiWebhookChange(int Id, string ExternalId, bool AlreadyStored);

// GitHub's deployment_status event, the fields used (https://docs.github.com/webhooks/webhook-events-and-payloads#deployment_status).
public sealed record GitHubDeploymentStatusEvent(string? Action, GitHubDeploymentStatus? DeploymentStatus, GitHubDeployment? Deployment, GitHubRepository? Repository, GitHubUser? Sender);
public sealed record GitHubDeploymentStatus(long Id, string? State, string? Environment, string? TargetUrl, string? CreatedAt);
public sealed record GitHubDeployment(long Id, string? Sha, string? Ref, string? Environment, GitHubUser? Creator, string? CreatedAt);
public sealed record GitHubRepository(string? FullName, string? HtmlUrl);
public sealed record GitHubUser(string? Login);

/// <summary>The body of the Argo CD notification template documented in docs/features.md, "What changed? Change events" (Argo CD sends whatever its template renders).</summary>
public sealed record ArgoCdNotification(string? App, string? Revision, string? Phase, string? StartedAt, string? FinishedAt, string? Author, string? Environment, string? Url);
