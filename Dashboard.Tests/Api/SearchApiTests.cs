using System.Net;
using System.Text.Json;
using Dashboard.Data.Incidents;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Api;

/// <summary>/api/v1/search through the real app host: results with snippet pieces, a 400 for unusable text, private incidents kept from other keys.</summary>
public sealed class SearchApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_word_from_the_postmortem_finds_the_Cloudflare_incident_with_its_matched_word()
    {
        var client = await app.ApiClientAsync(Role.Viewer);

        var response = await client.GetAsync("/api/v1/search?q=coincidental");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = Assert.Single((await response.JsonAsync()).GetProperty("results").EnumerateArray());
        Assert.Equal("2025-11-18-cloudflare-bot-management", result.GetProperty("slug").GetString());
        var hit = Assert.Single(result.GetProperty("hits").EnumerateArray());
        Assert.Equal("Postmortem", hit.GetProperty("source").GetString());
        Assert.Contains(hit.GetProperty("snippet").EnumerateArray(), p => p.GetProperty("match").GetBoolean() && p.GetProperty("text").GetString() == "coincidental");
    }

    [Theory]
    [InlineData("")]
    [InlineData("%22%28%2A%29%22")] // "(*)" : FTS syntax, no word
    [InlineData("q=1")]
    public async Task Text_that_cannot_be_searched_is_a_400_naming_q(string q)
    {
        var client = await app.ApiClientAsync(Role.Viewer);
        var query = q == "q=1" ? new string('x', 201) : q;

        var problem = await (await client.GetAsync($"/api/v1/search?q={query}")).ProblemAsync(400);

        Assert.Contains("q", problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        await (await client.GetAsync("/api/v1/search?q=bot&limit=51")).ProblemAsync(400);
    }

    [Fact]
    public async Task A_private_incident_is_not_found_by_a_key_whose_owner_may_not_see_it()
    {
        var responder = await app.ApiClientAsync(Role.Responder);
        var created = await responder.SendJsonAsync(HttpMethod.Post, "/api/v1/incidents", new IncidentInput
        {
            Title = "Quarantined florbnitz rollout", Organisation = "Shop", Summary = "s", Started = "2026-03-01 10:00", IsPrivate = true,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        await app.UserAsync("vin@example.com", Role.Viewer);
        var viewer = await app.ApiClientAsync(Role.Viewer, ownerEmail: "vin@example.com");
        var admin = await app.ApiClientAsync(Role.Admin);
        var hidden = await (await viewer.GetAsync("/api/v1/search?q=florbnitz")).JsonAsync();
        var seen = await (await admin.GetAsync("/api/v1/search?q=florbnitz")).JsonAsync();

        Assert.Equal(JsonValueKind.Array, hidden.GetProperty("results").ValueKind);
        Assert.Empty(hidden.GetProperty("results").EnumerateArray());
        Assert.True(Assert.Single(seen.GetProperty("results").EnumerateArray()).GetProperty("private").GetBoolean());
    }
}
