using System.Net;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Dashboard.Tests.Hostile;

/// <summary>
/// The app as a caller on the network sees it: hosts, headers, query strings, exports. Host names and health
/// are checked anonymously; pages and exports ask for sign-in, so those are requested as the signed-in owner.
/// </summary>
public sealed class HostileHttpTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_foreign_host_name_is_refused_with_400()
    {
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/incidents");
        request.Headers.Host = "evil.example";

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1:5111")]
    [InlineData("[::1]:8080")]
    public async Task The_local_host_names_are_served(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Host = host;

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/incidents")]
    [InlineData("/review")]
    [InlineData("/healthz")]
    [InlineData("/actions/export.csv")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await (await factory.SignedInClientAsync()).GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the page or export itself, not a redirect to sign in
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Contains("base-uri 'self'", csp);
        Assert.Contains("frame-ancestors 'self'", csp);
        Assert.Matches("script-src 'self' 'nonce-[0-9A-F]{32}'(;|$)", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
    }

    [Fact]
    public async Task The_pages_inline_import_map_carries_the_nonce_of_its_response()
    {
        var response = await (await factory.SignedInClientAsync()).GetAsync("/incidents");
        var html = await response.Content.ReadAsStringAsync();
        var nonce = System.Text.RegularExpressions.Regex.Match(response.Headers.GetValues("Content-Security-Policy").Single(), "'nonce-([^']+)'").Groups[1].Value;

        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\"", html);
    }

    [Theory]
    [InlineData("/review?period=Custom&to=9999-12-31")]
    [InlineData("/review?period=Custom&from=0001-01-01&to=2025-12-31")]
    [InlineData("/review?period=Custom&from=2026-01-01&to=2025-01-01")]
    [InlineData("/review?period=Custom&from=banana&to=%00%ff")]
    [InlineData("/review?period=999&severity=-1&service=99999999999")]
    [InlineData("/actions?due-within=2147483647&incident=-5&status=42")]
    [InlineData("/incidents?page=-1&sort=nope&severity=Sev9")]
    [InlineData("/incidents/2025-11-18-cloudflare-bot-management?tab=%00")]
    public async Task Bad_query_strings_never_answer_500(string path)
    {
        var response = await (await factory.SignedInClientAsync()).GetAsync(path);

        Assert.True((int)response.StatusCode < 500, $"{path} answered {(int)response.StatusCode}");
        Assert.DoesNotContain("/account/login", response.Headers.Location?.ToString() ?? ""); // answered by the page, not by the sign-in redirect
    }

    [Fact]
    public async Task An_out_of_range_review_date_is_named_on_the_page()
    {
        var html = WebUtility.HtmlDecode(await (await factory.SignedInClientAsync()).GetStringAsync("/review?period=Custom&from=2025-01-01&to=9999-12-31"));

        Assert.Contains("Not applied: to: 9999-12-31 is outside 1970-01-01 – 2199-12-31", html);
    }

    [Theory]
    [InlineData("/review/export.html?period=Custom&to=9999-12-31")]
    [InlineData("/review/export.html?period=Custom&from=1-1-1")]
    public async Task The_review_export_answers_400_with_the_reason_for_a_bad_date(string path)
    {
        var response = await (await factory.SignedInClientAsync()).GetAsync(path);

        var problem = await response.ProblemAsync(400);
        Assert.Contains("is", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/incidents/no-such-incident/postmortem.md")]
    [InlineData("/incidents/no-such-incident/postmortem.html")]
    public async Task The_export_of_a_missing_incident_answers_a_404_problem(string path)
    {
        var response = await (await factory.SignedInClientAsync()).GetAsync(path);

        var problem = await response.ProblemAsync(404);
        Assert.Equal("No incident has the address no-such-incident.", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/v1/no-such-resource")]
    [InlineData("/api/v2/incidents")]
    [InlineData("/api/nothing-here")]
    public async Task An_unknown_address_under_api_answers_a_problem_not_the_people_s_page(string path)
    {
        var response = await (await factory.SignedInClientAsync()).GetAsync(path);

        await response.ProblemAsync(404);
    }
}

public sealed class ExportRateLimitTests
{
    private sealed class StrictFactory : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimits:Exports:PermitLimit", "3");
            builder.UseSetting("RateLimits:Exports:WindowSeconds", "3600"); // no refill during the test
        }
    }

    [Theory]
    [InlineData("/actions/export.csv")]
    [InlineData("/review/export.html")]
    [InlineData("/incidents/2025-11-18-cloudflare-bot-management/postmortem.md")]
    [InlineData("/incidents/2025-11-18-cloudflare-bot-management/postmortem.html")]
    public async Task An_export_past_the_limit_answers_429_while_pages_still_answer(string path)
    {
        await using var factory = new StrictFactory();
        var client = await factory.SignedInClientAsync();

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        var refused = await client.GetAsync(path);
        var page = await client.GetAsync("/incidents");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task An_export_past_the_limit_answers_a_429_problem_that_says_when_to_retry()
    {
        await using var factory = new StrictFactory();
        var client = await factory.SignedInClientAsync();

        for (var i = 0; i < 3; i++) await client.GetAsync("/actions/export.csv");
        var refused = await client.GetAsync("/actions/export.csv");

        var problem = await refused.ProblemAsync(429);
        Assert.Contains("3 exports in 3600 s", problem.GetProperty("detail").GetString());
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single()), 1, 3600);
    }
}
