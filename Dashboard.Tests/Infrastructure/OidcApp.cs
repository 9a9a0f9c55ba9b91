using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// The app with single sign-on set up against an <see cref="OidcProvider"/>: groups map to roles
/// (incident-admins → Admin, incident-responders → Responder), everyone else gets Viewer.
/// </summary>
public abstract partial class OidcApp : IAsyncLifetime
{
    public const string DisplayName = "Test Provider";

    public OidcProvider Provider { get; private set; } = default!;
    public AppFactory App { get; private set; } = default!;

    protected virtual bool LocalAccounts => true;
    protected virtual bool Bootstrap => true;

    public static Dictionary<string, string> Settings(OidcProvider provider, bool localAccounts = true) => new()
    {
        ["Auth:LocalAccounts"] = localAccounts ? "true" : "false",
        ["Auth:Oidc:Enabled"] = "true",
        ["Auth:Oidc:DisplayName"] = DisplayName,
        ["Auth:Oidc:Authority"] = provider.Authority,
        ["Auth:Oidc:ClientId"] = OidcProvider.ClientId,
        ["Auth:Oidc:ClientSecret"] = OidcProvider.ClientSecret,
        ["Auth:Oidc:Scopes:0"] = "openid",
        ["Auth:Oidc:Scopes:1"] = "profile",
        ["Auth:Oidc:Scopes:2"] = "email",
        ["Auth:Oidc:Scopes:3"] = "groups",
        ["Auth:Oidc:RoleClaim"] = "groups",
        ["Auth:Oidc:RoleMap:incident-admins"] = "Admin",
        ["Auth:Oidc:RoleMap:incident-responders"] = "Responder",
        ["Auth:Oidc:DefaultRole"] = "Viewer",
    };

    public async Task InitializeAsync()
    {
        Provider = await OidcProvider.StartAsync();
        App = new AppFactory { Bootstrap = Bootstrap, Settings = Settings(Provider, LocalAccounts) };
        App.StartServer();
        // The test server's requests come from http://localhost.
        await Provider.RegisterClientAsync("http://localhost/signin-oidc");
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Provider.DisposeAsync();
    }

    public HttpClient NewClient() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>
    /// The whole redirect flow, one hop at a time as a browser would make it: the app's "Sign in with"
    /// form, the provider's authorize endpoint and login page, back to the app's /signin-oidc, then its
    /// callback, and the app's own redirects after it. Returns the page arrived at (a page of the app
    /// signed in, or the sign-in page with a reason); its RequestMessage tells where that was.
    /// </summary>
    public async Task<HttpResponseMessage> SignInThroughProviderAsync(HttpClient app, string subject, string from = "/account/login")
    {
        var page = await app.GetStringAsync(from);
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(page).Groups["value"].Value);
        var challenge = await app.PostAsync("/account/external/challenge", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["returnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);

        using var provider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(Provider.Authority) };
        var toLogin = await provider.GetAsync(challenge.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        var returnUrl = System.Web.HttpUtility.ParseQueryString(new Uri(provider.BaseAddress!, toLogin.Headers.Location!).Query)["returnUrl"]!;
        var loggedIn = await provider.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = subject, ["returnUrl"] = returnUrl }));
        var authorized = await provider.GetAsync(loggedIn.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, authorized.StatusCode);
        Assert.StartsWith("http://localhost/signin-oidc?code=", authorized.Headers.Location!.ToString());

        var response = await app.GetAsync(authorized.Headers.Location!.PathAndQuery);
        for (var hops = 0; response.StatusCode == HttpStatusCode.Redirect && hops < 3; hops++)
            response = await app.GetAsync(response.Headers.Location);
        return response;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

public sealed class OidcBesideLocalAccounts : OidcApp;

public sealed class OidcOnly : OidcApp
{
    protected override bool LocalAccounts => false;
}

public sealed class OidcOnFirstRun : OidcApp
{
    protected override bool LocalAccounts => false;
    protected override bool Bootstrap => false;
}
