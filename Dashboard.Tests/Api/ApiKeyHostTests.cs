using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Api;
using Dashboard.Data.ApiKeys;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Api;

/// <summary>The app host's key authentication: bearer keys only (never the sign-in cookie), errors as problem details.</summary>
public sealed class ApiKeyHostTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_request_without_a_key_gets_a_401_problem_with_a_bearer_challenge()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Contains("Authorization: Bearer", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_sign_in_cookie_does_not_authorise_the_api()
    {
        var browser = await app.SignedInClientAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_key_acts_under_its_audit_name_until_it_is_revoked()
    {
        var key = await app.KeyAsync(Role.Responder, name: "ci bot");
        var client = app.ApiClient(key);

        var me = await client.GetFromJsonAsync<ApiCaller>("/api/v1/me");
        var ownerId = (await app.Services.GetRequiredService<Dashboard.Data.Identity.UserQueries>().ListAsync()).Single(u => u.Email == AppFactory.OwnerEmail).Id;
        Assert.Equal(new ApiCaller("API key ci bot (owner owner@example.com)", "Responder", AppFactory.OwnerEmail, ownerId), me);

        var queries = app.Services.GetRequiredService<ApiKeyQueries>();
        var id = (await queries.ListAsync(Actor.System, everyone: true)).Single(k => k.Name == "ci bot").Id;
        Assert.True((await app.Services.GetRequiredService<ApiKeyCommands>().RevokeAsync(Actor.System, id)).Succeeded);

        var refused = await client.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("revoked", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_malformed_or_unknown_key_is_refused()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ApiClient("ib_abcdefgh_" + new string('A', 43)).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ApiClient("not-a-key").GetAsync("/api/v1/me")).StatusCode);
    }
}
