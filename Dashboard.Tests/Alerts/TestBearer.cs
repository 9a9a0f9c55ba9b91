using System.Security.Claims;
using System.Text.Encodings.Web;
using Dashboard.Account;
using Dashboard.Alerts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Alerts;

/// <summary>
/// A stand-in for the API-key scheme (built on another branch) so Alertmanager can authenticate the
/// way it will in production, with <c>http_config.authorization</c>: one fixed bearer token acts as a
/// responder. Added to the ingest policy exactly as the real scheme will be.
/// </summary>
public sealed class TestBearer(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestBearer";
    public const string Token = "ib_test_alertmanager_token";
    public const string Email = "alertmanager-bot@example.com";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal)) return Task.FromResult(AuthenticateResult.NoResult());
        if (header["Bearer ".Length..] != Token) return Task.FromResult(AuthenticateResult.Fail("Unknown key."));
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Email, Email), new Claim(AppClaims.RoleClaim, "Responder"), new Claim(AppClaims.DisplayNameClaim, "Alertmanager"),
        ], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    public static void AddTo(IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestBearer>(SchemeName, null);
        services.PostConfigure<AuthorizationOptions>(o =>
            o.AddPolicy(AlertmanagerEndpoint.Policy, p => p.AddAuthenticationSchemes(SchemeName).RequireAuthenticatedUser()));
    }
}
