using System.Security.Claims;
using Dashboard.Data.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Dashboard.Host.Http;
using Dashboard.Incidents;

namespace Dashboard.Account;

/// <summary>
/// Single sign-on: the OpenID Connect handler (authorization code flow with PKCE) signs the person
/// into Identity's short-lived external cookie; the callback endpoint then finds, links or provisions
/// the account through the door and signs in with the app's own cookie, carrying the same claims as a
/// password sign-in (<see cref="AppClaims"/>).
/// </summary>
public static class OidcSetup
{
    public const string ChallengePath = "/account/external/challenge";
    public const string CallbackPath = "/account/external/callback";

    public static void AddOidc(this AuthenticationBuilder auth, IConfiguration configuration)
    {
        var section = configuration.GetSection(OidcOptions.Section);
        auth.Services.Configure<OidcOptions>(section);
        var oidc = section.Get<OidcOptions>() ?? new OidcOptions();
        var localAccounts = configuration.GetSection(AuthOptions.Section).GetValue(nameof(AuthOptions.LocalAccounts), true);
        if (!localAccounts && !oidc.Enabled)
            throw new InvalidOperationException("Auth:LocalAccounts is false and Auth:Oidc is not enabled: nobody could sign in. Enable one of them.");
        if (!oidc.Enabled) return;
        if (oidc.Problems().ToList() is { Count: > 0 } problems)
            throw new InvalidOperationException("Single sign-on is set up wrongly: " + string.Join(" ", problems));

        auth.Services.Configure<Host.Http.SecurityHeaders.Options>(o => o.FormActions.Add(new Uri(oidc.Authority).GetLeftPart(UriPartial.Authority)));
        auth.AddOpenIdConnect(OidcOptions.Scheme, oidc.DisplayName, o =>
        {
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.Authority = oidc.Authority;
            o.ClientId = oidc.ClientId;
            o.ClientSecret = oidc.ClientSecret;
            o.RequireHttpsMetadata = oidc.HttpsRequired();
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            // The code comes back in the query of a top-level GET, so the correlation and nonce cookies
            // can be SameSite=Lax (form_post would need SameSite=None, which browsers drop on plain http).
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Scope.Clear();
            foreach (var scope in oidc.EffectiveScopes()) o.Scope.Add(scope);
            // The ID token's own claim names (sub, email, email_verified, the role claim), not WS-* URIs.
            o.MapInboundClaims = false;
            o.TokenValidationParameters.NameClaimType = "name";
            o.SaveTokens = false; // the app calls no API with them
            o.Events.OnRemoteFailure = context =>
            {
                // Refused consent, a stale or replayed callback, an unreachable provider: back to the sign-in page with a message.
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcSetup))
                    .LogWarning(context.Failure, "Single sign-on failed");
                context.Response.Redirect(context.Request.PathBase + "/account/login?external=failed");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }

    public static IEndpointRouteBuilder MapExternalSignIn(this IEndpointRouteBuilder app)
    {
        // A form post from the sign-in page, so antiforgery applies (the endpoint reads the form).
        app.MapPost(ChallengePath, ([FromForm] string? returnUrl, IOptions<OidcOptions> oidc, SignInManager<AppUser> signIn) =>
        {
            if (!oidc.Value.Enabled) return Results.NotFound();
            var callback = $"{CallbackPath}?returnUrl={Uri.EscapeDataString(Login.SafeReturn(returnUrl))}";
            return Results.Challenge(signIn.ConfigureExternalAuthenticationProperties(OidcOptions.Scheme, callback), [OidcOptions.Scheme]);
        });

        app.MapGet(CallbackPath, async (string? returnUrl, HttpContext context, IOptions<OidcOptions> options, UserCommands commands,
            UserManager<AppUser> accounts, SignInManager<AppUser> signIn, ILogger<OidcOptions> log) =>
        {
            var oidc = options.Value;
            if (!oidc.Enabled) return Results.NotFound();
            var external = await context.AuthenticateAsync(IdentityConstants.ExternalScheme);
            await context.SignOutAsync(IdentityConstants.ExternalScheme);
            if (!external.Succeeded || external.Principal is not { } p) return Results.LocalRedirect("~/account/login?external=failed");

            var who = new ExternalIdentity(OidcOptions.Scheme, oidc.DisplayName, p.FindFirstValue("sub") ?? "", p.FindFirstValue("email"),
                string.Equals(p.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase), p.FindFirstValue("name"),
                oidc.MapRole(p.FindAll(oidc.RoleClaim).Select(c => c.Value)));
            var result = await commands.SignInExternalAsync(who, oidc.DefaultRole, context.RequestAborted);
            if (!result.Succeeded)
            {
                log.LogWarning("Single sign-on of {Email} was refused: {Problems}", who.Email, string.Join(" ", result.Errors.Values));
                var reason = result.Errors.ContainsKey("Disabled") ? "disabled" : result.Errors.ContainsKey("Email") ? "email" : "refused";
                return Results.LocalRedirect($"~/account/login?external={reason}");
            }
            var user = await accounts.FindByLoginAsync(OidcOptions.Scheme, who.Subject);
            if (user is null || !await signIn.CanSignInAsync(user)) return Results.LocalRedirect("~/account/login?external=disabled");
            // The provider's groups ride in the app's cookie for this sign-in (restricted status pages admit by group).
            var groups = p.FindAll(oidc.GroupsClaim).Select(c => c.Value).Where(g => g.Length is > 0 and <= 200).Distinct().Take(100)
                .Select(g => new Claim(AppClaims.GroupClaim, g));
            await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(ClaimTypes.AuthenticationMethod, OidcOptions.Scheme), .. groups]);
            return Results.LocalRedirect("~" + Login.SafeReturn(returnUrl));
        });
        return app;
    }
}
