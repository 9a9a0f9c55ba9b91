using Dashboard.Data.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Dashboard.Incidents;

namespace Dashboard.Account;

/// <summary>Sign-in: Identity's cookie, the claims it carries, the policies pages ask for, and the account endpoints.</summary>
public static class AuthSetup
{
    public static WebApplicationBuilder AddIncidentBoardAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var auth = builder.Configuration.GetSection(AuthOptions.Section);
        services.Configure<AuthOptions>(auth);
        services.Configure<BootstrapOptions>(builder.Configuration.GetSection(BootstrapOptions.Section));
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        var authentication = services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            });
        authentication.AddIdentityCookies();
        authentication.AddOidc(builder.Configuration); // single sign-on, when Auth:Oidc:Enabled
        new IdentityBuilder(typeof(AppUser), services).AddSignInManager().AddClaimsPrincipalFactory<AppClaims>();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "IncidentBoard.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax; // Lax, not Strict: links into the app from chat must arrive signed in
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
        });
        // A request with the cookie re-reads its user (security stamp) as often as an open page does, not
        // Identity's default of every 30 minutes: a disabled account or a reset password ends both alike.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<AuthOptions>, TimeProvider>((o, options, clock) =>
        {
            o.ValidationInterval = options.Value.RevalidationInterval;
            o.TimeProvider = clock;
            // Re-reading the user rebuilds the cookie from the account; the OIDC groups of this sign-in are not in the account, so they are carried over.
            o.OnRefreshingPrincipal = context =>
            {
                if (context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity && context.CurrentPrincipal is { } current)
                    identity.AddClaims(current.FindAll(AppClaims.GroupClaim).Select(c => new System.Security.Claims.Claim(c.Type, c.Value)));
                return Task.CompletedTask;
            };
        });
        services.Configure<SignInLimitOptions>(builder.Configuration.GetSection(SignInLimitOptions.Section));
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<PasswordSignIn>();
        services.AddAuthorization(o => Policies.Add(o, auth.GetValue<bool>(nameof(AuthOptions.AllowAnonymousRead))));
        services.AddSingleton<FirstRun>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post (with its antiforgery token, checked because the endpoint reads the form).
        app.MapPost("/account/logout", async ([FromForm] string? returnUrl, SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("~/account/login");
        });
        app.MapExternalSignIn();
        return app;
    }
}
