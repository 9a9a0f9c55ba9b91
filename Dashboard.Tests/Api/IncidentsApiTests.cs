using System.Net;
using System.Text.Json;
using Dashboard.Data.Incidents;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Data.ApiKeys;
using Dashboard.Api;

namespace Dashboard.Tests.Api;

/// <summary>/api/v1/incidents through the real app host: the door's rules, the protocol (ETag, If-Match, Idempotency-Key), cursor paging.</summary>
public sealed class IncidentsApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Url = "/api/v1/incidents";

    private static IncidentInput Input(string title, string started = "2026-03-01T10:15:00Z", string? tags = null, bool isPrivate = false) => new()
    {
        Title = title, Organisation = "Shop", Severity = Severity.Sev2, Summary = "Checkout failed.", Started = started, Tags = tags, IsPrivate = isPrivate,
    };

    private static async Task<(string Slug, string ETag)> CreateAsync(HttpClient client, IncidentInput input)
    {
        var response = await client.SendJsonAsync(HttpMethod.Post, Url, input);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.JsonAsync()).GetProperty("slug").GetString()!, response.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task Create_answers_201_with_location_and_etag_and_the_audit_names_the_key()
    {
        var client = await app.ApiClientAsync(Role.Responder, name: "creator bot");

        var response = await client.SendJsonAsync(HttpMethod.Post, Url, Input("API created incident"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        var slug = body.GetProperty("slug").GetString()!;
        Assert.Equal($"/api/v1/incidents/{slug}", response.Headers.Location!.ToString());
        Assert.Equal("Sev2", body.GetProperty("severity").GetString());
        var get = await client.GetAsync(response.Headers.Location);
        Assert.Equal(response.Headers.ETag, get.Headers.ETag);
        Assert.Equal("API created incident", (await get.JsonAsync()).GetProperty("title").GetString());

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<IncidentBoardDbContext>>().CreateDbContextAsync();
        var audit = await db.AuditEntries.SingleAsync(e => e.Action == "incident.created" && e.EntityKey == slug);
        Assert.Equal("API key creator bot (owner owner@example.com)", audit.Actor);
        Assert.Equal(ActorKind.ApiKey, audit.ActorKind);
        Assert.Equal(ChangeSource.Api, audit.Source);
    }

    [Fact]
    public async Task The_incident_resource_carries_its_factors_with_event_and_action_ids()
    {
        var client = await app.ApiClientAsync(Role.Viewer);

        var body = await (await client.GetAsync($"{Url}/2025-11-18-cloudflare-bot-management")).JsonAsync();
        var events = await (await client.GetAsync($"{Url}/2025-11-18-cloudflare-bot-management/events")).JsonAsync();

        var factors = body.GetProperty("factors").EnumerateArray().ToList();
        Assert.Equal(6, factors.Count);
        Assert.Equal("change", factors[0].GetProperty("category").GetString());
        Assert.StartsWith("A permissions change on the ClickHouse cluster", factors[0].GetProperty("statement").GetString());
        var evidence = Assert.Single(factors[0].GetProperty("evidenceEventIds").EnumerateArray()).GetInt32();
        var cited = events.EnumerateArray().Single(e => e.GetProperty("id").GetInt32() == evidence);
        Assert.Equal("2025-11-18T11:05:00Z", cited.GetProperty("occurredAt").GetString());
        Assert.Single(factors[0].GetProperty("actionIds").EnumerateArray());
        // Events carry their moment tag beside their kind.
        Assert.Equal("Detection", events.EnumerateArray().Single(e => e.GetProperty("text").GetString() == "An automated test is the first to catch the problem.").GetProperty("moment").GetString());
    }

    [Fact]
    public async Task Invalid_input_is_a_400_problem_with_field_errors_and_writes_nothing()
    {
        var client = await app.ApiClientAsync(Role.Responder);

        var response = await client.SendJsonAsync(HttpMethod.Post, Url, Input("", started: "yesterday"));

        var problem = await response.ProblemAsync(400);
        var errors = problem.GetProperty("errors");
        Assert.Contains("Title", errors.EnumerateObject().Select(p => p.Name));
        Assert.Contains("Started", errors.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_viewer_key_may_read_but_every_write_is_a_403_problem()
    {
        var responder = await app.ApiClientAsync(Role.Responder);
        var (slug, etag) = await CreateAsync(responder, Input("Viewer cannot touch"));
        var viewer = await app.ApiClientAsync(Role.Viewer);

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"{Url}/{slug}")).StatusCode);
        await (await viewer.SendJsonAsync(HttpMethod.Post, Url, Input("nope"))).ProblemAsync(403);
        await (await viewer.SendJsonAsync(HttpMethod.Put, $"{Url}/{slug}", Input("nope"), ifMatch: etag)).ProblemAsync(403);
        await (await viewer.SendJsonAsync(HttpMethod.Delete, $"{Url}/{slug}", null, ifMatch: etag)).ProblemAsync(403);
        // Deleting needs an admin: a responder's key is refused too.
        await (await responder.SendJsonAsync(HttpMethod.Delete, $"{Url}/{slug}", null, ifMatch: etag)).ProblemAsync(403);
    }

    [Fact]
    public async Task Unknown_incidents_and_routes_are_404_problems_not_pages()
    {
        var client = await app.ApiClientAsync(Role.Admin);

        var problem = await (await client.GetAsync($"{Url}/no-such-incident")).ProblemAsync(404);
        Assert.Contains("incident", problem.GetProperty("detail").GetString());
        await (await client.SendJsonAsync(HttpMethod.Put, $"{Url}/no-such-incident", Input("x"), ifMatch: "\"00000000000000000000000000000000\"")).ProblemAsync(404);
        await (await client.GetAsync("/api/v1/no-such-resource")).ProblemAsync(404);
    }

    [Fact]
    public async Task Updates_need_if_match_428_when_missing_412_when_stale_and_then_carry_a_new_etag()
    {
        var client = await app.ApiClientAsync(Role.Owner);
        var (slug, etag) = await CreateAsync(client, Input("Before the edit"));

        await (await client.SendJsonAsync(HttpMethod.Put, $"{Url}/{slug}", Input("No precondition"))).ProblemAsync(428);
        var updated = await client.SendJsonAsync(HttpMethod.Put, $"{Url}/{slug}", Input("After the edit"), ifMatch: etag);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var newTag = updated.Headers.ETag!.ToString();
        Assert.NotEqual(etag, newTag);

        var stale = await client.SendJsonAsync(HttpMethod.Put, $"{Url}/{slug}", Input("Lost update"), ifMatch: etag);
        await stale.ProblemAsync(412);
        Assert.Equal(newTag, stale.Headers.ETag!.ToString());
        await (await client.SendJsonAsync(HttpMethod.Delete, $"{Url}/{slug}", null)).ProblemAsync(428);
        await (await client.SendJsonAsync(HttpMethod.Delete, $"{Url}/{slug}", null, ifMatch: etag)).ProblemAsync(412);
        Assert.Equal("After the edit", (await (await client.GetAsync($"{Url}/{slug}")).JsonAsync()).GetProperty("title").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendJsonAsync(HttpMethod.Delete, $"{Url}/{slug}", null, ifMatch: newTag)).StatusCode);
        await (await client.GetAsync($"{Url}/{slug}")).ProblemAsync(404);
    }

    [Fact]
    public async Task The_same_idempotency_key_replays_the_first_response_and_a_different_body_is_a_422()
    {
        var client = await app.ApiClientAsync(Role.Responder);
        var key = Guid.NewGuid().ToString();
        var input = Input("Declared once", tags: "idem-" + key[..8]);

        var first = await client.SendJsonAsync(HttpMethod.Post, Url, input, idempotencyKey: key);
        var again = await client.SendJsonAsync(HttpMethod.Post, Url, input, idempotencyKey: key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));
        var list = await (await client.GetAsync($"{Url}?search=idem-{key[..8]}")).JsonAsync();
        Assert.Equal(1, list.GetProperty("items").GetArrayLength());

        await (await client.SendJsonAsync(HttpMethod.Post, Url, Input("Something else"), idempotencyKey: key)).ProblemAsync(422);
        // Another key's client may use the same Idempotency-Key for its own request.
        var other = await app.ApiClientAsync(Role.Responder);
        Assert.Equal(HttpStatusCode.Created, (await other.SendJsonAsync(HttpMethod.Post, Url, Input("Other client"), idempotencyKey: key)).StatusCode);
    }

    [Fact]
    public async Task Cursor_paging_shows_every_row_once_across_a_concurrent_insert()
    {
        var client = await app.ApiClientAsync(Role.Responder);
        var tag = "page-" + Guid.NewGuid().ToString("N")[..8];
        var existing = new List<string>();
        for (var day = 1; day <= 7; day++)
            existing.Add((await CreateAsync(client, Input($"Paged {day}", started: $"2026-02-{day:00}T08:00:00Z", tags: tag))).Slug);
        // Two with the same start: the id breaks the tie, so neither is lost at a page edge.
        existing.Add((await CreateAsync(client, Input("Paged 4 twin", started: "2026-02-04T08:00:00Z", tags: tag))).Slug);

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await (await client.GetAsync($"{Url}?search={tag}&limit=3{(cursor is null ? "" : $"&cursor={cursor}")}")).JsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            if (++pages == 1)
            {
                // Inserted while the client pages: one newer than the page it has, one older than the next.
                await CreateAsync(client, Input("Inserted newest", started: "2026-02-20T08:00:00Z", tags: tag));
                existing.Add((await CreateAsync(client, Input("Inserted older", started: "2026-01-15T08:00:00Z", tags: tag))).Slug);
            }
        } while (cursor is not null);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Empty(existing.Except(seen));
        Assert.True(pages >= 3);
    }

    [Fact]
    public async Task Bad_list_parameters_are_400_problems()
    {
        var client = await app.ApiClientAsync(Role.Viewer);

        var problem = await (await client.GetAsync($"{Url}?cursor=garbage!&limit=0")).ProblemAsync(400);
        Assert.Equal(["cursor", "limit"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        await (await client.GetAsync($"{Url}?severity=Sev9")).ProblemAsync(400);
    }

    [Fact]
    public async Task A_private_incident_is_invisible_to_keys_whose_owner_cannot_see_it()
    {
        await app.UserAsync("paula.private@example.com", Role.Responder);
        await app.UserAsync("nico.nosee@example.com", Role.Responder);
        var paula = await app.ApiClientAsync(Role.Responder, "paula.private@example.com");
        var nico = await app.ApiClientAsync(Role.Responder, "nico.nosee@example.com");
        var tag = "priv-" + Guid.NewGuid().ToString("N")[..8];
        var (slug, etag) = await CreateAsync(paula, Input("Security incident", tags: tag, isPrivate: true));

        Assert.Equal(HttpStatusCode.OK, (await paula.GetAsync($"{Url}/{slug}")).StatusCode);
        await (await nico.GetAsync($"{Url}/{slug}")).ProblemAsync(404);
        await (await nico.SendJsonAsync(HttpMethod.Put, $"{Url}/{slug}", Input("x"), ifMatch: etag)).ProblemAsync(404);
        Assert.Equal(0, (await (await nico.GetAsync($"{Url}?search={tag}")).JsonAsync()).GetProperty("items").GetArrayLength());
        Assert.Equal(1, (await (await paula.GetAsync($"{Url}?search={tag}")).JsonAsync()).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task An_oversized_body_is_a_413_problem()
    {
        var client = await app.ApiClientAsync(Role.Responder);
        var content = new StringContent(new string(' ', 1024 * 1024 + 1), System.Text.Encoding.UTF8, "application/json");

        await (await client.PostAsync(Url, content)).ProblemAsync(413);
    }
}
