using System.Net;
using System.Text.Json;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Api;

/// <summary>The API's document and reference, and the per-key rate limit.</summary>
public sealed class ApiProtocolTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Every_mapped_api_endpoint_is_in_the_openapi_31_document()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.JsonAsync();
        Assert.StartsWith("3.1", document.GetProperty("openapi").GetString());
        var paths = document.GetProperty("paths");

        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Path: DocumentPath(e.RoutePattern.RawText!), Method: m.ToLowerInvariant())))
            .ToList();
        Assert.True(endpoints.Count >= 6);
        foreach (var (path, method) in endpoints)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is not in the document");
            Assert.True(item.TryGetProperty(method, out _), $"{method} {path} is not in the document");
        }
        Assert.DoesNotContain(paths.EnumerateObject(), p => !p.Name.StartsWith("/api/v1", StringComparison.Ordinal));
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("scheme").GetString());
        var createIncident = paths.GetProperty("/api/v1/incidents").GetProperty("post");
        Assert.Contains(createIncident.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.Contains("Sev2", document.GetProperty("components").GetProperty("schemas").GetProperty("IncidentInput").GetRawText());
    }

    [Fact]
    public async Task Every_api_endpoint_answers_401_problem_details_without_a_key()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Url: Concrete(e.RoutePattern.RawText!), Method: m)))
            .ToList();

        foreach (var (url, method) in endpoints)
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {url}: {response.StatusCode}");
            await response.ProblemAsync(401);
        }
    }

    /// <summary>A route with its parameters filled in: {id:int} → 1, {slug} → x.</summary>
    private static string Concrete(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(DocumentPath(pattern), @"\{(\w+)\}", m => m.Groups[1].Value == "id" ? "1" : "x");

    /// <summary>The document names a route's parameters without their constraints: {id:int} is {id}.</summary>
    private static string DocumentPath(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern.TrimEnd('/'), @"\{(\w+):[^}]+\}", "{$1}");

    [Theory]
    [InlineData("{not json", "The body is not Alertmanager's JSON")]
    [InlineData("null", "The body is empty.")]
    public async Task The_alertmanager_receiver_answers_a_bad_payload_with_the_api_s_problem(string body, string reason)
    {
        var client = await app.ApiClientAsync(Role.Responder);

        var response = await client.PostAsync("/api/v1/alerts/alertmanager", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(400);
        Assert.Equal("Bad Request", problem.GetProperty("title").GetString());
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.1", problem.GetProperty("type").GetString());
        Assert.StartsWith(reason, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_reference_at_api_docs_is_served_without_a_key()
    {
        var response = await app.CreateClient().GetAsync("/api/docs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("openapi/v1.json", html);
        // Its inline script passes the CSP by the response's nonce, not by relaxing the policy.
        var nonce = System.Text.RegularExpressions.Regex.Match(response.Headers.GetValues("Content-Security-Policy").Single(), "nonce-([0-9A-F]+)").Groups[1].Value;
        Assert.Contains($"<script type=\"module\" nonce=\"{nonce}\">", html);
    }
}

/// <summary>A host with a small limit, so the 429 comes after a few requests.</summary>
public sealed class ApiRateLimitTests
{
    [Fact]
    public async Task A_key_over_its_limit_gets_a_429_problem_with_retry_after_and_other_keys_do_not()
    {
        using var app = new AppFactory { Settings = { ["RateLimits:Api:PermitLimit"] = "3", ["RateLimits:Api:WindowSeconds"] = "60" } };
        var busy = await app.ApiClientAsync(Role.Viewer);
        var calm = await app.ApiClientAsync(Role.Viewer);

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/api/v1/me")).StatusCode);
        var refused = await busy.GetAsync("/api/v1/me");

        await refused.ProblemAsync(429);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single()), 1, 60);
        Assert.Equal(HttpStatusCode.OK, (await calm.GetAsync("/api/v1/me")).StatusCode);
    }
}
