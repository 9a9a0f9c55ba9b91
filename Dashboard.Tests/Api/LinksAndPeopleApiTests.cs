using System.Net;
using Dashboard.Data.Incidents;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Api;

/// <summary>/api/v1/incidents/{slug}/links and /api/v1/incidents/{slug}/people through the real app host.</summary>
public sealed class LinksAndPeopleApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static async Task<string> IncidentAsync(HttpClient client, string title, bool isPrivate = false)
    {
        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/incidents", new IncidentInput
        {
            Title = $"{title} {Guid.NewGuid().ToString("N")[..6]}", Organisation = "Shop", Summary = "s", Started = "2026-03-01 10:00", IsPrivate = isPrivate,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("slug").GetString()!;
    }

    /// <summary>A responder key whose owner takes part in no incident.</summary>
    private async Task<HttpClient> OutsiderAsync()
    {
        var email = $"outsider-{Guid.NewGuid():N}@example.com";
        await app.UserAsync(email, Role.Responder);
        return await app.ApiClientAsync(Role.Responder, email);
    }

    [Fact]
    public async Task Links_are_added_listed_from_both_ends_and_removed()
    {
        var responder = await app.ApiClientAsync(Role.Responder);
        var first = await IncidentAsync(responder, "Queue backlog");
        var second = await IncidentAsync(responder, "Queue backlog again");

        var added = await responder.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{first}/links", new { kind = "RelatedTo", to = second });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var link = await added.JsonAsync();
        Assert.Equal(second, link.GetProperty("slug").GetString());
        var id = link.GetProperty("id").GetInt32();
        var fromSecond = await (await responder.GetAsync($"/api/v1/incidents/{second}/links")).JsonAsync();
        Assert.Equal((first, true), (fromSecond[0].GetProperty("slug").GetString(), fromSecond[0].GetProperty("backward").GetBoolean()));

        var missing = await responder.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{first}/links", new { kind = "RelatedTo" });
        Assert.True((await missing.ProblemAsync(400)).GetProperty("errors").TryGetProperty("To", out _));
        var twice = await responder.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{first}/links", new { kind = "RelatedTo", to = second });
        Assert.True((await twice.ProblemAsync(400)).GetProperty("errors").TryGetProperty("To", out _));
        var viewer = await app.ApiClientAsync(Role.Viewer);
        await (await viewer.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{first}/links", new { kind = "RelatedTo", to = second })).ProblemAsync(403);
        await (await viewer.SendJsonAsync(HttpMethod.Delete, $"/api/v1/incidents/{first}/links/{id}", null)).ProblemAsync(403);

        Assert.Equal(HttpStatusCode.NoContent, (await responder.SendJsonAsync(HttpMethod.Delete, $"/api/v1/incidents/{second}/links/{id}", null)).StatusCode);
        Assert.Equal(0, (await (await responder.GetAsync($"/api/v1/incidents/{first}/links")).JsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task A_private_incidents_links_never_show_to_a_key_that_may_not_see_it()
    {
        var admin = await app.ApiClientAsync(Role.Admin);
        var open = await IncidentAsync(admin, "Login latency");
        var hidden = await IncidentAsync(admin, "Credential stuffing", isPrivate: true);
        var added = await admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{open}/links", new { kind = "CausedBy", to = hidden });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var id = (await added.JsonAsync()).GetProperty("id").GetInt32();
        Assert.Contains(hidden, await (await admin.GetAsync($"/api/v1/incidents/{open}/links")).Content.ReadAsStringAsync());

        var outsider = await OutsiderAsync();
        var seen = await (await outsider.GetAsync($"/api/v1/incidents/{open}/links")).Content.ReadAsStringAsync();
        Assert.Equal("[]", seen);
        await (await outsider.GetAsync($"/api/v1/incidents/{hidden}/links")).ProblemAsync(404);
        await (await outsider.SendJsonAsync(HttpMethod.Delete, $"/api/v1/incidents/{open}/links/{id}", null)).ProblemAsync(404);
        // Linking to it is answered as for an incident that does not exist.
        var toHidden = await (await outsider.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{open}/links", new { kind = "RelatedTo", to = hidden })).ProblemAsync(400);
        var toNothing = await (await outsider.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{open}/links", new { kind = "RelatedTo", to = "no-such-incident" })).ProblemAsync(400);
        Assert.Equal(toNothing.GetProperty("errors").GetProperty("To")[0].GetString()!.Replace("no-such-incident", "X"),
            toHidden.GetProperty("errors").GetProperty("To")[0].GetString()!.Replace(hidden, "X"));
    }

    [Fact]
    public async Task People_get_roles_and_memberships_and_the_private_switch_hides_the_incident()
    {
        var responder = await app.ApiClientAsync(Role.Responder);
        var slug = await IncidentAsync(responder, "Billing run failed");
        var email = $"cora-{Guid.NewGuid():N}@example.com";
        await app.UserAsync(email, Role.Responder);
        var people = $"/api/v1/incidents/{slug}/people";

        var commander = await responder.SendJsonAsync(HttpMethod.Post, people, new { email, role = "Commander" });
        Assert.Equal(HttpStatusCode.Created, commander.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await responder.SendJsonAsync(HttpMethod.Post, people, new { email = AppFactory.OwnerEmail })).StatusCode);
        var listed = await (await responder.GetAsync(people)).JsonAsync();
        Assert.False(listed.GetProperty("isPrivate").GetBoolean());
        var roles = listed.GetProperty("people").EnumerateArray().Select(p => (p.GetProperty("email").GetString(), p.GetProperty("role").GetString())).ToList();
        Assert.Contains((email, "Commander"), roles);
        Assert.Contains((AppFactory.OwnerEmail, "Member"), roles);

        var nobody = await responder.SendJsonAsync(HttpMethod.Post, people, new { email = "nobody@example.com", role = "Scribe" });
        Assert.Contains("nobody@example.com", (await nobody.ProblemAsync(400)).GetProperty("errors").GetProperty("Email")[0].GetString());
        var noSwitch = await responder.SendJsonAsync(HttpMethod.Put, $"{people}/private", new { });
        Assert.True((await noSwitch.ProblemAsync(400)).GetProperty("errors").TryGetProperty("IsPrivate", out _));
        var viewer = await app.ApiClientAsync(Role.Viewer);
        await (await viewer.SendJsonAsync(HttpMethod.Post, people, new { email, role = "Scribe" })).ProblemAsync(403);
        await (await viewer.SendJsonAsync(HttpMethod.Put, $"{people}/private", new { isPrivate = true })).ProblemAsync(403);

        var outsider = await OutsiderAsync();
        Assert.Equal(HttpStatusCode.OK, (await outsider.GetAsync($"/api/v1/incidents/{slug}")).StatusCode);
        var hidden = await responder.SendJsonAsync(HttpMethod.Put, $"{people}/private", new { isPrivate = true });
        Assert.Equal(HttpStatusCode.OK, hidden.StatusCode);
        Assert.True((await hidden.JsonAsync()).GetProperty("isPrivate").GetBoolean());
        await (await outsider.GetAsync($"/api/v1/incidents/{slug}")).ProblemAsync(404);
        await (await outsider.GetAsync(people)).ProblemAsync(404);

        Assert.Equal(HttpStatusCode.NoContent, (await responder.SendJsonAsync(HttpMethod.Delete, $"{people}/Commander/{email}", null)).StatusCode);
        Assert.DoesNotContain(email, await (await responder.GetAsync(people)).Content.ReadAsStringAsync());
        await (await responder.SendJsonAsync(HttpMethod.Delete, $"{people}/Commander/{email}", null)).ProblemAsync(404);
        Assert.Equal(HttpStatusCode.OK, (await responder.SendJsonAsync(HttpMethod.Put, $"{people}/private", new { isPrivate = false })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await outsider.GetAsync($"/api/v1/incidents/{slug}")).StatusCode);
    }
}
