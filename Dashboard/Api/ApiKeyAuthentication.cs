using System.Security.Claims;
using System.Text.Encodings.Web;
using Dashboard.Account;
using Dashboard.Data.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dashboard.Api;

/// <summary>
/// <c>Authorization: Bearer ib_…</c>: the key is looked up (and checked for revocation, expiry and a
/// disabled owner) on every request, so a revoked key stops at its next call. Only the API's
/// endpoints ask for this scheme; pages keep the sign-in cookie, so a browser's cookie never
/// authorises an API call (no cross-site request forgery through the API).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiKeyQueries keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "incidentboard:api-key-id";
    public const string KeyNameClaim = "incidentboard:api-key-name";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.Fail("Not a bearer token.");
        var key = await keys.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail("Unknown, revoked or expired API key.");
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, key.OwnerId),
            new Claim(ClaimTypes.Email, key.OwnerEmail),
            new Claim(AppClaims.RoleClaim, key.Role.ToString()),
            new Claim(AppClaims.DisplayNameClaim, key.Actor.DisplayName),
            new Claim(KeyIdClaim, key.KeyId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(KeyNameClaim, key.Name),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"IncidentBoard\"";
        var failed = Request.Headers.Authorization.Count > 0;
        await ApiProblems.Write(Context, StatusCodes.Status401Unauthorized,
            failed ? "The API key is unknown, revoked or expired, or its owner is disabled." : "Send an API key: Authorization: Bearer ib_…");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.Write(Context, StatusCodes.Status403Forbidden, "This API key's role may not do this.");

    /// <summary>The key's actor, for principals this handler made (see <see cref="AppClaims.ActorOf"/>).</summary>
    public static Dashboard.Data.Kernel.Actor? ActorOf(ClaimsPrincipal principal, Dashboard.Data.Kernel.Role role, string email)
    {
        if (principal.FindFirstValue(KeyIdClaim) is not { } id) return null;
        return new ApiKeyIdentity(int.Parse(id, System.Globalization.CultureInfo.InvariantCulture), principal.FindFirstValue(KeyNameClaim) ?? "",
            "", principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", email, role).Actor;
    }

    /// <summary>The calling key's id, for rate limits and idempotency records.</summary>
    public static int? KeyIdOf(ClaimsPrincipal principal) =>
        principal.FindFirstValue(KeyIdClaim) is { } id ? int.Parse(id, System.Globalization.CultureInfo.InvariantCulture) : null;
}
