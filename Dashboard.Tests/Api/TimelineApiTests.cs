using System.Net;
using Dashboard.Data.Incidents;
using Dashboard.Data.Timeline;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Api;

/// <summary>/api/v1/incidents/{slug}/events through the real app host.</summary>
public sealed class TimelineApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static async Task<string> IncidentAsync(HttpClient client, bool isPrivate = false)
    {
        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/incidents", new IncidentInput
        {
            Title = "Timeline via API " + Guid.NewGuid().ToString("N")[..6], Organisation = "Shop", Summary = "s", Started = "2026-03-01 10:00", IsPrivate = isPrivate,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("slug").GetString()!;
    }

    private static EventInput Event(string at, string text) => new() { OccurredAt = at, Text = text, Kind = EventKind.Investigation };

    [Fact]
    public async Task Add_get_update_and_delete_an_event_with_etags()
    {
        var client = await app.ApiClientAsync(Role.Responder, name: "timeline bot");
        var slug = await IncidentAsync(client);
        var url = $"/api/v1/incidents/{slug}/events";

        var added = await client.SendJsonAsync(HttpMethod.Post, url, Event("10:20", "Rolled back"));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var body = await added.JsonAsync();
        Assert.Equal("Api", body.GetProperty("source").GetString());
        Assert.Equal("API key timeline bot", body.GetProperty("author").GetString());
        var location = added.Headers.Location!.ToString();
        var etag = added.Headers.ETag!.ToString();
        Assert.Equal(etag, (await client.GetAsync(location)).Headers.ETag!.ToString());

        await (await client.SendJsonAsync(HttpMethod.Put, location, Event("10:21", "Rolled back v2"))).ProblemAsync(428);
        var updated = await client.SendJsonAsync(HttpMethod.Put, location, Event("10:21", "Rolled back v2"), ifMatch: etag);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        await (await client.SendJsonAsync(HttpMethod.Put, location, Event("10:22", "stale"), ifMatch: etag)).ProblemAsync(412);
        var list = await (await client.GetAsync(url)).JsonAsync();
        Assert.Equal("Rolled back v2", list[0].GetProperty("text").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendJsonAsync(HttpMethod.Delete, location, null, ifMatch: updated.Headers.ETag!.ToString())).StatusCode);
        await (await client.GetAsync(location)).ProblemAsync(404);
    }

    [Fact]
    public async Task A_bad_event_is_a_400_with_the_field_and_a_viewer_may_not_add()
    {
        var client = await app.ApiClientAsync(Role.Responder);
        var slug = await IncidentAsync(client);

        var problem = await (await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{slug}/events", Event("25:99", ""))).ProblemAsync(400);
        Assert.Contains("OccurredAt", problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var viewer = await app.ApiClientAsync(Role.Viewer);
        await (await viewer.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{slug}/events", Event("10:20", "x"))).ProblemAsync(403);
        await (await viewer.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{slug}/events/bulk", new { events = new[] { Event("10:20", "x") } })).ProblemAsync(403);
        await (await client.GetAsync("/api/v1/incidents/no-such-incident/events")).ProblemAsync(404);
    }

    [Fact]
    public async Task Bulk_add_writes_all_events_in_one_transaction_with_one_audit_entry()
    {
        var client = await app.ApiClientAsync(Role.Responder);
        var slug = await IncidentAsync(client);
        var events = Enumerable.Range(0, 300).Select(n => Event($"2026-03-01 {10 + n / 60:00}:{n % 60:00}", $"Log line {n}")).ToArray();

        var response = await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{slug}/events/bulk", new { events });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(300, (await response.JsonAsync()).GetProperty("created").GetInt32());
        Assert.Equal(300, (await (await client.GetAsync($"/api/v1/incidents/{slug}/events")).JsonAsync()).GetArrayLength());
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<IncidentBoardDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.IncidentSlug == slug && e.Action == "timeline_event.imported"));
    }

    [Fact]
    public async Task A_bulk_add_with_one_bad_event_names_it_and_writes_nothing()
    {
        var client = await app.ApiClientAsync(Role.Responder);
        var slug = await IncidentAsync(client);
        var events = new[] { Event("10:20", "good"), Event("not a time", "bad"), Event("10:22", "") };

        var problem = await (await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{slug}/events/bulk", new { events })).ProblemAsync(400);

        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("[1].OccurredAt", fields);
        Assert.Contains("[2].Text", fields);
        Assert.DoesNotContain(fields, f => f.StartsWith("[0]", StringComparison.Ordinal));
        Assert.Equal(0, (await (await client.GetAsync($"/api/v1/incidents/{slug}/events")).JsonAsync()).GetArrayLength());
        await (await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{slug}/events/bulk", new { events = Array.Empty<EventInput>() })).ProblemAsync(400);
    }

    [Fact]
    public async Task A_private_incidents_events_are_invisible_to_keys_whose_owner_cannot_see_it()
    {
        await app.UserAsync("tara.timeline@example.com", Role.Responder);
        await app.UserAsync("otto.outside@example.com", Role.Responder);
        var tara = await app.ApiClientAsync(Role.Responder, "tara.timeline@example.com");
        var otto = await app.ApiClientAsync(Role.Responder, "otto.outside@example.com");
        var slug = await IncidentAsync(tara, isPrivate: true);
        Assert.Equal(HttpStatusCode.Created, (await tara.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{slug}/events", Event("10:20", "secret"))).StatusCode);

        await (await otto.GetAsync($"/api/v1/incidents/{slug}/events")).ProblemAsync(404);
        await (await otto.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{slug}/events", Event("10:21", "x"))).ProblemAsync(404);
    }
}
