using System.Net;
using Dashboard.Data.Actions;
using Dashboard.Data.Incidents;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Api;

/// <summary>/api/v1/actions, /api/v1/incidents/{slug}/actions and /api/v1/audit through the real app host.</summary>
public sealed class ActionsAndAuditApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static async Task<string> IncidentAsync(HttpClient client)
    {
        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/incidents", new IncidentInput
        {
            Title = "Actions via API " + Guid.NewGuid().ToString("N")[..6], Organisation = "Shop", Summary = "s", Started = "2026-03-01 10:00",
        });
        return (await response.JsonAsync()).GetProperty("slug").GetString()!;
    }

    [Fact]
    public async Task Actions_are_created_filtered_updated_with_if_match_and_deleted()
    {
        var client = await app.ApiClientAsync(Role.Responder);
        var slug = await IncidentAsync(client);
        var team = "team-" + Guid.NewGuid().ToString("N")[..6];

        var created = await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{slug}/actions",
            new ActionInput { Title = "Add a canary stage", Owner = "Ana", Team = team, Priority = ActionPriority.P1, DueDate = new DateOnly(2026, 4, 1) });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!.ToString();
        var etag = created.Headers.ETag!.ToString();
        await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{slug}/actions", new ActionInput { Title = "Write a runbook", Team = team, Priority = ActionPriority.P3 });

        var p1 = await (await client.GetAsync($"/api/v1/actions?team={team}&priority=P1")).JsonAsync();
        Assert.Equal(1, p1.GetProperty("total").GetInt32());
        Assert.Equal(slug, p1.GetProperty("items")[0].GetProperty("incidentSlug").GetString());
        Assert.Equal(2, (await (await client.GetAsync($"/api/v1/incidents/{slug}/actions")).JsonAsync()).GetProperty("total").GetInt32());

        var fields = new ActionInput { Title = "Add a canary stage", Owner = "Ana", Team = team, Priority = ActionPriority.P1, Status = ActionStatus.InProgress };
        await (await client.SendJsonAsync(HttpMethod.Put, location, fields)).ProblemAsync(428);
        var updated = await client.SendJsonAsync(HttpMethod.Put, location, fields, ifMatch: etag);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("InProgress", (await updated.JsonAsync()).GetProperty("fields").GetProperty("status").GetString());
        await (await client.SendJsonAsync(HttpMethod.Put, location, fields, ifMatch: etag)).ProblemAsync(412);

        var invalid = await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{slug}/actions", new ActionInput { Title = "", ExternalUrl = "javascript:alert(1)" });
        Assert.True((await invalid.ProblemAsync(400)).GetProperty("errors").EnumerateObject().Any());
        var viewer = await app.ApiClientAsync(Role.Viewer);
        await (await viewer.SendJsonAsync(HttpMethod.Delete, location, null, ifMatch: updated.Headers.ETag!.ToString())).ProblemAsync(403);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendJsonAsync(HttpMethod.Delete, location, null, ifMatch: updated.Headers.ETag!.ToString())).StatusCode);
        await (await client.GetAsync(location)).ProblemAsync(404);
    }

    [Fact]
    public async Task The_audit_trail_is_for_admin_keys_only_and_names_the_key()
    {
        var responder = await app.ApiClientAsync(Role.Responder, name: "audited bot");
        var slug = await IncidentAsync(responder);

        await (await responder.GetAsync("/api/v1/audit")).ProblemAsync(403);
        var admin = await app.ApiClientAsync(Role.Admin);
        var page = await (await admin.GetAsync($"/api/v1/audit?incident={slug}")).JsonAsync();
        var entry = page.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("action").GetString() == "incident.created");
        Assert.Equal("API key audited bot (owner owner@example.com)", entry.GetProperty("actor").GetString());
        Assert.Equal("Api", entry.GetProperty("source").GetString());
    }
}
