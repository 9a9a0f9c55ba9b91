using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using Dashboard.Account;

namespace Dashboard.Tests.Infrastructure;

/// <summary>A person the test provider can sign in, with the claims it issues for them.</summary>
public sealed record ProviderUser(string Subject, string Email, bool EmailVerified, string Name, params string[] Groups);

/// <summary>
/// A real OpenID Connect provider inside the test run: OpenIddict's server (authorization code flow,
/// PKCE required, signed ID tokens) on Kestrel on a loopback port, its client registrations in
/// OpenIddict's Entity Framework stores on an in-memory SQLite database. Its login page lists the
/// test people as buttons; choosing one signs them in at the provider and approves the client at
/// once (no consent screen). The ID token carries sub, email, email_verified, name and groups.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "incidentboard";
    public const string ClientSecret = "a test client secret, not a real one";
    private const string CookieScheme = "provider";

    private readonly WebApplication _app;
    private readonly SqliteConnection _keeper; // an in-memory database lives as long as one connection to it

    /// <summary>The people, by subject; a test may replace one to change the claims of their next sign-in.</summary>
    public ConcurrentDictionary<string, ProviderUser> Users { get; } = new();

    /// <summary>The issuer, e.g. http://127.0.0.1:41234/ — the app's Auth:Oidc:Authority.</summary>
    public string Authority { get; private set; } = "";

    private OidcProvider(WebApplication app, SqliteConnection keeper)
    {
        _app = app;
        _keeper = keeper;
    }

    public static async Task<OidcProvider> StartAsync(params ProviderUser[] users)
    {
        var database = $"Data Source=oidc-provider-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        var keeper = new SqliteConnection(database);
        await keeper.OpenAsync();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddDbContext<ProviderDb>(o => o.UseSqlite(database).UseOpenIddict());
        // The provider's own sign-in; its cookie has its own name, since browsers share cookies across ports.
        builder.Services.AddAuthentication(CookieScheme).AddCookie(CookieScheme, o => o.Cookie.Name = "TestProvider.Auth");
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<ProviderDb>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.Email, Scopes.Profile, "groups");
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.DisableAccessTokenEncryption();
                // The token endpoint needs no passthrough: OpenIddict redeems the code itself.
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            });

        var app = builder.Build();
        var provider = new OidcProvider(app, keeper);
        foreach (var user in users) provider.Users[user.Subject] = user;
        app.UseAuthentication();
        app.MapMethods("/connect/authorize", ["GET", "POST"], (Delegate)provider.AuthorizeAsync);
        app.MapGet("/login", (string returnUrl) => Results.Content(provider.LoginPage(returnUrl), "text/html; charset=utf-8"));
        app.MapPost("/login", (Delegate)provider.LoginAsync);

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ProviderDb>().Database.EnsureCreatedAsync();
        await app.StartAsync();
        provider.Authority = app.Urls.First().TrimEnd('/') + "/";
        return provider;
    }

    /// <summary>The app's confidential client, allowed to come back only to the given redirect URIs (…/signin-oidc).</summary>
    public async Task RegisterClientAsync(params string[] redirectUris)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId, ClientSecret = ClientSecret, ClientType = ClientTypes.Confidential, ConsentType = ConsentTypes.Implicit,
            DisplayName = "IncidentBoard",
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code, Permissions.Scopes.Email, Permissions.Scopes.Profile, Permissions.Prefixes.Scope + "groups",
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in redirectUris) descriptor.RedirectUris.Add(new Uri(uri));
        await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(descriptor);
    }

    /// <summary>OpenIddict has validated the request (client, redirect URI, PKCE); this decides who signs in, or sends the browser to the login page first.</summary>
    private async Task<IResult> AuthorizeAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var signedIn = await context.AuthenticateAsync(CookieScheme);
        if (!signedIn.Succeeded || !Users.TryGetValue(signedIn.Principal.FindFirstValue(Claims.Subject) ?? "", out var user))
            return Results.Redirect("/login?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Subject).SetClaim(Claims.Email, user.Email).SetClaim(Claims.EmailVerified, user.EmailVerified)
            .SetClaim(Claims.Name, user.Name).SetClaims("groups", [.. user.Groups]);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private string LoginPage(string returnUrl)
    {
        var html = new StringBuilder("<!doctype html><html><head><title>Test provider · sign in</title></head><body><h1>Test provider</h1><form method=\"post\" action=\"/login\">");
        html.Append($"<input type=\"hidden\" name=\"returnUrl\" value=\"{WebUtility.HtmlEncode(returnUrl)}\">");
        foreach (var user in Users.Values.OrderBy(u => u.Name))
            html.Append($"<p><button type=\"submit\" name=\"user\" value=\"{WebUtility.HtmlEncode(user.Subject)}\">Sign in as {WebUtility.HtmlEncode(user.Name)}</button></p>");
        return html.Append("</form></body></html>").ToString();
    }

    private async Task<IResult> LoginAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var returnUrl = form["returnUrl"].ToString();
        if (!Users.ContainsKey(form["user"].ToString()) || !returnUrl.StartsWith("/connect/authorize", StringComparison.Ordinal)) return Results.BadRequest();
        await context.SignInAsync(CookieScheme, new ClaimsPrincipal(new ClaimsIdentity([new Claim(Claims.Subject, form["user"].ToString())], CookieScheme)));
        return Results.Redirect(returnUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _keeper.DisposeAsync();
    }

    private sealed class ProviderDb(DbContextOptions<ProviderDb> options) : DbContext(options);
}
