using System.Net;
using Dashboard.Data.Catalog;
using Dashboard.Data.Impact;
using Dashboard.Data.Incidents;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Api;

/// <summary>/api/v1/incidents/{slug}/impacts and /api/v1/services through the real app host.</summary>
public sealed class ImpactsAndServicesApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Impact_windows_are_added_updated_with_if_match_and_deleted()
    {
        var client = await app.ApiClientAsync(Role.Responder);
        var incident = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/incidents", new IncidentInput
        {
            Title = "Impact via API " + Guid.NewGuid().ToString("N")[..6], Organisation = "Shop", Summary = "s", Started = "2026-03-01 10:00", Resolved = "2026-03-01 12:00",
        });
        var slug = (await incident.JsonAsync()).GetProperty("slug").GetString()!;
        var services = await (await client.GetAsync("/api/v1/services")).JsonAsync();
        var serviceId = services.GetProperty("items")[0].GetProperty("id").GetInt32();
        var url = $"/api/v1/incidents/{slug}/impacts";

        var added = await client.SendJsonAsync(HttpMethod.Post, url, new ImpactInput { ServiceId = serviceId, Level = ImpactLevel.PartialOutage, Start = "2026-03-01 10:05", End = "2026-03-01 11:00" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var location = added.Headers.Location!.ToString();
        Assert.Equal("PartialOutage", (await (await client.GetAsync(location)).JsonAsync()).GetProperty("level").GetString());

        var changed = new ImpactInput { ServiceId = serviceId, Level = ImpactLevel.MajorOutage, Start = "2026-03-01 10:05", End = "2026-03-01 11:30" };
        await (await client.SendJsonAsync(HttpMethod.Put, location, changed)).ProblemAsync(428);
        var updated = await client.SendJsonAsync(HttpMethod.Put, location, changed, ifMatch: added.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        await (await client.SendJsonAsync(HttpMethod.Put, location, changed, ifMatch: added.Headers.ETag!.ToString())).ProblemAsync(412);

        var invalid = await client.SendJsonAsync(HttpMethod.Post, url, new ImpactInput { ServiceId = serviceId, Start = "2026-03-01 11:00", End = "2026-03-01 10:00" });
        Assert.True((await invalid.ProblemAsync(400)).GetProperty("errors").EnumerateObject().Any());
        await (await (await app.ApiClientAsync(Role.Viewer)).SendJsonAsync(HttpMethod.Post, url, changed)).ProblemAsync(403);

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendJsonAsync(HttpMethod.Delete, location, null, ifMatch: updated.Headers.ETag!.ToString())).StatusCode);
        Assert.Equal(0, (await (await client.GetAsync(url)).JsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task Services_and_dependencies_are_edited_by_admin_keys_with_cycles_refused()
    {
        var admin = await app.ApiClientAsync(Role.Admin);
        var responder = await app.ApiClientAsync(Role.Responder);
        var suffix = Guid.NewGuid().ToString("N")[..6];

        await (await responder.SendJsonAsync(HttpMethod.Post, "/api/v1/services", new ServiceInput { Name = $"Nope {suffix}", Group = "Platform" })).ProblemAsync(403);
        var a = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/services", new ServiceInput { Key = $"api-a-{suffix}", Name = $"API A {suffix}", Group = "Platform" });
        var b = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/services", new ServiceInput { Key = $"api-b-{suffix}", Name = $"API B {suffix}", Group = "Platform" });
        Assert.Equal(HttpStatusCode.Created, a.StatusCode);
        Assert.Equal(HttpStatusCode.Created, b.StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/services/api-a-{suffix}/dependencies", new { dependsOn = $"api-b-{suffix}" })).StatusCode);
        var cycle = await admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/services/api-b-{suffix}/dependencies", new { dependsOn = $"api-a-{suffix}" });
        Assert.Contains("cycle", (await cycle.ProblemAsync(400)).GetRawText());
        var detail = await (await responder.GetAsync($"/api/v1/services/api-a-{suffix}")).JsonAsync();
        Assert.Equal($"api-b-{suffix}", detail.GetProperty("dependsOn")[0].GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendJsonAsync(HttpMethod.Delete, $"/api/v1/services/api-a-{suffix}/dependencies/api-b-{suffix}", null)).StatusCode);

        var current = await admin.GetAsync($"/api/v1/services/api-a-{suffix}");
        var edit = new ServiceInput { Key = $"api-a-{suffix}", Name = $"API A renamed {suffix}", Group = "Platform" };
        await (await admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/services/api-a-{suffix}", edit)).ProblemAsync(428);
        var renamed = await admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/services/api-a-{suffix}", edit, ifMatch: current.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        await (await admin.SendJsonAsync(HttpMethod.Delete, $"/api/v1/services/api-a-{suffix}", null, ifMatch: current.Headers.ETag!.ToString())).ProblemAsync(412);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendJsonAsync(HttpMethod.Delete, $"/api/v1/services/api-a-{suffix}", null, ifMatch: renamed.Headers.ETag!.ToString())).StatusCode);
        await (await admin.GetAsync($"/api/v1/services/api-a-{suffix}")).ProblemAsync(404);
    }
}
