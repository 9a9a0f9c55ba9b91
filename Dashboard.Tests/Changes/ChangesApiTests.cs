using System.Net;
using Dashboard.Changes;
using Dashboard.Data.Changes;
using Dashboard.Data.Incidents;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Changes;

/// <summary>/api/v1/changes and /api/v1/incidents/{slug}/changes through the real app host.</summary>
public sealed class ChangesApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Url = "/api/v1/changes";

    // Outside the Cloudflare graph, so the seeded ranking the tests read stays as seeded.
    private static ChangeInput Deploy(string? externalId, string service = "aws-lambda", string at = "2025-11-18T10:00:00Z") => new()
    {
        ExternalId = externalId, Kind = "deploy", Services = [service], Environment = "production", StartedAt = at, Author = "ci-pipeline",
        Title = "Deploy " + service, Link = "https://git.example.com/commit/abc", Labels = ["api-test"],
    };

    private static string Id() => "api-test:" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Without_a_key_it_is_401_and_a_viewer_key_may_read_but_not_record()
    {
        var anonymous = app.CreateClient();
        await (await anonymous.SendJsonAsync(HttpMethod.Post, Url, Deploy(Id()))).ProblemAsync(401);
        var viewer = await app.ApiClientAsync(Role.Viewer);

        await (await viewer.SendJsonAsync(HttpMethod.Post, Url, Deploy(Id()))).ProblemAsync(403);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync(Url)).StatusCode);
    }

    [Fact]
    public async Task A_bad_change_is_refused_whole_with_each_field_named()
    {
        var client = await app.ApiClientAsync(Role.Responder);
        var externalId = Id();

        var problem = await (await client.SendJsonAsync(HttpMethod.Post, Url, new ChangeInput
        {
            ExternalId = externalId, Kind = "yolo", Services = ["cf-workers-kv", "not-in-catalog"], StartedAt = "tomorrow", Author = "ci", Title = "t",
            Link = "ftp://example.com/x",
        })).ProblemAsync(400);

        var errors = problem.GetProperty("errors");
        Assert.Equal(["Kind", "Link", "Services[1]", "StartedAt"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(0, (await (await client.GetAsync($"{Url}?externalId={externalId}")).JsonAsync()).GetArrayLength());

        var unknown = await (await client.SendJsonAsync(HttpMethod.Post, Url, Deploy(externalId, service: "not-in-catalog"))).ProblemAsync(400);
        Assert.Contains("not-in-catalog", unknown.GetProperty("errors").GetProperty("Services[0]")[0].GetString());

        var bulk = await (await client.SendJsonAsync(HttpMethod.Post, $"{Url}/bulk", new ApiChangeBatchBody([Deploy(Id()), Deploy(Id(), at: "2025-13-01T00:00:00Z")]))).ProblemAsync(400);
        Assert.Equal(["[1].StartedAt"], bulk.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task The_same_external_id_twice_is_stored_once_and_an_Idempotency_Key_replays_the_answer()
    {
        var client = await app.ApiClientAsync(Role.Responder);
        var externalId = Id();

        var first = await client.SendJsonAsync(HttpMethod.Post, Url, Deploy(externalId));
        var second = await client.SendJsonAsync(HttpMethod.Post, Url, Deploy(externalId));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var body = await first.JsonAsync();
        Assert.Equal((await second.JsonAsync()).GetProperty("id").GetInt32(), body.GetProperty("id").GetInt32());
        Assert.Equal("deploy", body.GetProperty("kind").GetString());
        Assert.Equal("api", body.GetProperty("origin").GetString());
        Assert.Equal(1, (await (await client.GetAsync($"{Url}?externalId={externalId}")).JsonAsync()).GetArrayLength());

        var key = Guid.NewGuid().ToString("N");
        var once = await client.SendJsonAsync(HttpMethod.Post, Url, Deploy(null), idempotencyKey: key);
        var replay = await client.SendJsonAsync(HttpMethod.Post, Url, Deploy(null), idempotencyKey: key);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal((await once.JsonAsync()).GetProperty("id").GetInt32(), (await replay.JsonAsync()).GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task The_seeded_Cloudflare_incident_answers_its_ranked_changes_with_the_1105_change_first()
    {
        var client = await app.ApiClientAsync(Role.Viewer);

        var ranked = await (await client.GetAsync("/api/v1/incidents/2025-11-18-cloudflare-bot-management/changes")).JsonAsync();

        var first = ranked.GetProperty("changes")[0];
        Assert.Equal(1, first.GetProperty("rank").GetInt32());
        Assert.Equal("seed:2025-11-18-cloudflare-clickhouse-permissions", first.GetProperty("change").GetProperty("externalId").GetString());
        Assert.Equal("trigger", first.GetProperty("mark").GetString());
        Assert.StartsWith("touched cf-clickhouse, which cf-fl-proxy depends on, 3 hops", first.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task The_ranked_changes_answer_for_the_window_asked_and_a_reversed_window_is_refused_naming_to()
    {
        var client = await app.ApiClientAsync(Role.Viewer);
        const string url = "/api/v1/incidents/2025-11-18-cloudflare-bot-management/changes";

        var narrowed = await (await client.GetAsync($"{url}?from=2025-11-18T11:10:00Z&to=2025-11-18T17:06:00Z")).JsonAsync();

        Assert.Equal(new DateTime(2025, 11, 18, 11, 10, 0, DateTimeKind.Utc), narrowed.GetProperty("from").GetDateTime());
        Assert.DoesNotContain(narrowed.GetProperty("changes").EnumerateArray(),
            c => c.GetProperty("change").GetProperty("externalId").GetString() == "seed:2025-11-18-cloudflare-clickhouse-permissions");
        var widened = await (await client.GetAsync($"{url}?from=2025-11-11T11:20:00Z")).JsonAsync();
        Assert.Equal(new DateTime(2025, 11, 11, 11, 20, 0, DateTimeKind.Utc), widened.GetProperty("from").GetDateTime());
        Assert.Equal("seed:2025-11-18-cloudflare-clickhouse-permissions", widened.GetProperty("changes")[0].GetProperty("change").GetProperty("externalId").GetString());
        var problem = await (await client.GetAsync($"{url}?from=2025-11-18T12:00:00Z&to=2025-11-18T11:00:00Z")).ProblemAsync(400);
        Assert.Contains("before its start", problem.GetProperty("errors").GetProperty("to")[0].GetString());
    }

    [Fact]
    public async Task A_change_links_to_a_private_incident_only_for_keys_whose_owner_may_see_it()
    {
        await app.UserAsync("pia.changes@example.com", Role.Responder);
        await app.UserAsync("ned.changes@example.com", Role.Responder);
        var pia = await app.ApiClientAsync(Role.Responder, "pia.changes@example.com");
        var ned = await app.ApiClientAsync(Role.Responder, "ned.changes@example.com");
        var created = await pia.SendJsonAsync(HttpMethod.Post, "/api/v1/incidents", new IncidentInput
        {
            Title = "Private change " + Guid.NewGuid().ToString("N")[..6], Organisation = "Shop", Summary = "s", Started = "2025-11-18 10:30", IsPrivate = true,
        });
        var slug = (await created.JsonAsync()).GetProperty("slug").GetString()!;
        var externalId = Id();
        var change = (await (await pia.SendJsonAsync(HttpMethod.Post, Url, Deploy(externalId))).JsonAsync()).GetProperty("id").GetInt32();

        Assert.Equal(HttpStatusCode.NoContent, (await pia.SendJsonAsync(HttpMethod.Put, $"/api/v1/incidents/{slug}/changes/{change}/mark", new ApiChangeMark("trigger"))).StatusCode);

        var seenByPia = (await (await pia.GetAsync($"{Url}/{change}")).JsonAsync()).GetProperty("incidents");
        Assert.Equal(slug, seenByPia[0].GetProperty("slug").GetString());
        Assert.Equal(0, (await (await ned.GetAsync($"{Url}/{change}")).JsonAsync()).GetProperty("incidents").GetArrayLength());
        Assert.Equal(0, (await (await ned.GetAsync($"{Url}?externalId={externalId}")).JsonAsync())[0].GetProperty("incidents").GetArrayLength());
        await (await ned.GetAsync($"/api/v1/incidents/{slug}/changes")).ProblemAsync(404);
        await (await ned.SendJsonAsync(HttpMethod.Put, $"/api/v1/incidents/{slug}/changes/{change}/mark", new ApiChangeMark(null))).ProblemAsync(404);
        var bad = await (await pia.SendJsonAsync(HttpMethod.Put, $"/api/v1/incidents/{slug}/changes/{change}/mark", new ApiChangeMark("culprit"))).ProblemAsync(400);
        Assert.True(bad.GetProperty("errors").TryGetProperty("Role", out _));
    }

    private sealed record ApiChangeBatchBody(List<ChangeInput> Changes);
}
