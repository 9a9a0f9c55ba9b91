using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Tests.Infrastructure;
using Dashboard.Host.Http;

namespace Dashboard.Tests.Host;

/// <summary>
/// The app in production behind TLS termination, as deploy/nginx.conf runs it: the connection comes
/// from the proxy over plain HTTP, and the proxy says in X-Forwarded-Proto and X-Forwarded-For what
/// the browser used and where it is. Only a trusted proxy (loopback by default) is believed.
/// </summary>
public sealed partial class ReverseProxyHostTests(ReverseProxyHostTests.BehindProxy app) : IClassFixture<ReverseProxyHostTests.BehindProxy>
{
    public const string Host = "incidents.example.com";
    private const string Export = "/incidents/2025-11-18-cloudflare-bot-management/postmortem.md";

    public sealed class BehindProxy : AppFactory
    {
        public BehindProxy()
        {
            Settings["environment"] = "Production"; // HSTS is sent outside Development only
            Settings["AllowedHosts"] = Host;
            Settings["Auth:AllowAnonymousRead"] = "true"; // the exports answer signed-out requests, so the limit is all that stands in front
            Settings["RateLimits:Exports:PermitLimit"] = "2";
        }
    }

    /// <summary>A browser's requests as they reach the app: from <paramref name="peer"/> (the proxy, or not), with its headers.</summary>
    public static HttpClient Through(AppFactory factory, string peer, string? proto, string? forwardedFor) =>
        factory.CreateDefaultClient(new Uri($"http://{Host}"), new BrowserCookies(), new ProxyHeaders(peer, proto, forwardedFor));

    private static string? AuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.SingleOrDefault(c => c.StartsWith("IncidentBoard.Auth=", StringComparison.Ordinal)) : null;

    [Fact]
    public async Task Behind_tls_termination_the_sign_in_cookie_is_secure_and_hsts_is_sent()
    {
        var browser = Through(app, peer: "127.0.0.1", proto: "https", forwardedFor: "198.51.100.20");

        var page = await browser.GetAsync("/account/login");
        var signedIn = await AppFactory.SignInAsync(browser, AppFactory.OwnerEmail, AppFactory.OwnerPassword);

        Assert.True(page.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("; secure", AuthCookie(signedIn), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_same_headers_from_an_untrusted_address_are_ignored()
    {
        var browser = Through(app, peer: "192.0.2.50", proto: "https", forwardedFor: "198.51.100.21");

        var page = await browser.GetAsync("/account/login");
        var signedIn = await AppFactory.SignInAsync(browser, AppFactory.OwnerEmail, AppFactory.OwnerPassword);

        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.DoesNotContain("secure", AuthCookie(signedIn), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Each_client_behind_the_proxy_has_its_own_export_allowance()
    {
        var first = Through(app, peer: "127.0.0.1", proto: "https", forwardedFor: "198.51.100.1");
        var second = Through(app, peer: "127.0.0.1", proto: "https", forwardedFor: "198.51.100.2");

        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync(Export)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync(Export)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.GetAsync(Export)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync(Export)).StatusCode);
    }

    [Fact]
    public async Task A_client_that_is_not_a_proxy_cannot_name_a_new_address_for_a_fresh_allowance()
    {
        for (var i = 1; i <= 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await Through(app, "192.0.2.60", null, $"203.0.113.{i}").GetAsync(Export)).StatusCode);

        var spoofed = await Through(app, "192.0.2.60", null, "203.0.113.3").GetAsync(Export);

        Assert.Equal(HttpStatusCode.TooManyRequests, spoofed.StatusCode);
    }

    [Fact]
    public async Task Single_sign_on_asks_the_provider_to_return_to_the_https_address()
    {
        await using var provider = await OidcProvider.StartAsync();
        var settings = OidcApp.Settings(provider);
        settings["AllowedHosts"] = Host;
        await using var factory = new AppFactory { Settings = settings };
        var browser = Through(factory, peer: "127.0.0.1", proto: "https", forwardedFor: "198.51.100.22");

        var page = await browser.GetStringAsync("/account/login");
        var challenge = await browser.PostAsync("/account/external/challenge", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryToken().Match(page).Groups["value"].Value), ["returnUrl"] = "/",
        }));

        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var query = System.Web.HttpUtility.ParseQueryString(challenge.Headers.Location!.Query);
        Assert.Equal($"https://{Host}/signin-oidc", query["redirect_uri"]);
    }

    [Fact]
    public void A_proxy_setting_that_is_not_an_address_or_network_is_named()
    {
        var options = new TrustedProxyOptions { KnownProxies = ["10.0.0.5", "nginx"], KnownNetworks = ["10.0.0.0/8", "10.0.0.0/33"] };

        Assert.Equal(["ForwardedHeaders:KnownProxies: 'nginx' is not an IP address.",
            "ForwardedHeaders:KnownNetworks: '10.0.0.0/33' is not a network such as 10.0.0.0/8."], options.Problems());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>What the proxy adds to every request, and the address the app sees the connection come from.</summary>
    private sealed class ProxyHeaders(string peer, string? proto, string? forwardedFor) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            request.Headers.Add(TestPeer.Header, peer);
            if (proto is not null) request.Headers.Add("X-Forwarded-Proto", proto);
            if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
            return base.SendAsync(request, ct);
        }
    }

    /// <summary>
    /// Cookies as the browser keeps them: it talks HTTPS to the proxy, so it sends Secure cookies back,
    /// although the test's requests (like the proxy's) are plain HTTP, where HttpClient's own jar would not.
    /// </summary>
    private sealed class BrowserCookies : DelegatingHandler
    {
        private readonly Dictionary<string, string> _cookies = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            var response = await base.SendAsync(request, ct);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
                foreach (var pair in set.Select(c => c.Split(';')[0].Split('=', 2)))
                    if (pair[1].Length == 0) _cookies.Remove(pair[0]);
                    else _cookies[pair[0]] = pair[1];
            return response;
        }
    }
}
