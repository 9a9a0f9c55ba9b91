using System.Net;
using System.Net.Http.Headers;
using Dashboard.Data.Identity;
using Dashboard.Data.Incidents;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Api;

/// <summary>/api/v1/incidents/{slug}/review-meeting: GET, PUT and DELETE with ETags, and not found for an incident the key's owner cannot see.</summary>
public sealed class MeetingsApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<string> IncidentAsync(HttpClient client)
    {
        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/incidents", new IncidentInput
        {
            Title = "Review meeting " + Guid.NewGuid().ToString("N")[..6], Organisation = "Shop", Summary = "s", Started = "2026-03-01 10:00",
        });
        return (await response.JsonAsync()).GetProperty("slug").GetString()!;
    }

    private static HttpRequestMessage Request(HttpMethod method, string url, object? body, string? etag)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body) };
        if (etag is not null) request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        return request;
    }

    [Fact]
    public async Task A_review_meeting_is_scheduled_read_changed_with_its_ETag_and_cancelled()
    {
        var client = await app.ApiClientAsync(Role.Responder);
        var slug = await IncidentAsync(client);
        var url = $"/api/v1/incidents/{slug}/review-meeting";
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);

        var body = new { startsAt = "2026-03-10T14:00:00Z", durationMinutes = 45, location = "Room 4" };
        var created = await client.SendAsync(Request(HttpMethod.Put, url, body, null));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var etag = created.Headers.ETag!.Tag;
        var read = await client.GetAsync(url);
        Assert.Equal(etag, read.Headers.ETag!.Tag);
        var json = await read.JsonAsync();
        Assert.Equal(45, json.GetProperty("durationMinutes").GetInt32());
        Assert.Equal("Room 4", json.GetProperty("location").GetString());

        Assert.Equal(428, (int)(await client.SendAsync(Request(HttpMethod.Put, url, body, null))).StatusCode);
        var changed = await client.SendAsync(Request(HttpMethod.Put, url, new { startsAt = "2026-03-11T09:00:00Z", durationMinutes = 60 }, etag));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag!.Tag);
        Assert.Equal(412, (int)(await client.SendAsync(Request(HttpMethod.Put, url, body, etag))).StatusCode); // the version read before the change
        var refused = await client.SendAsync(Request(HttpMethod.Put, url, new { startsAt = (string?)null, durationMinutes = 5 }, changed.Headers.ETag!.Tag));
        await refused.ProblemAsync(400);

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(Request(HttpMethod.Delete, url, null, changed.Headers.ETag!.Tag))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task An_incident_the_keys_owner_cannot_see_answers_not_found_and_gets_no_meeting()
    {
        var owner = await app.ApiClientAsync(Role.Admin);
        var slug = await IncidentAsync(owner);
        Assert.Equal(HttpStatusCode.OK, (await owner.SendJsonAsync(HttpMethod.Put, $"/api/v1/incidents/{slug}/people/private", new { isPrivate = true })).StatusCode);
        var email = $"outsider-{Guid.NewGuid():N}@example.com";
        await app.UserAsync(email, Role.Responder);
        var outsider = await app.ApiClientAsync(Role.Responder, email);
        var url = $"/api/v1/incidents/{slug}/review-meeting";

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(url)).StatusCode);
        var put = await outsider.SendAsync(Request(HttpMethod.Put, url, new { startsAt = "2026-03-10T14:00:00Z" }, null));
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync(url)).StatusCode); // nothing was scheduled
    }
}
