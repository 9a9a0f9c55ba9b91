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
            new Claim(AppClaims.KeyIdClaim, key.KeyId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(AppClaims.KeyNameClaim, key.Name),
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
}
