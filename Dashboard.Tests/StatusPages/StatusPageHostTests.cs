using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using Dashboard.Data.Catalog;
using Dashboard.Data.Incidents;
using Dashboard.Data.StatusPages;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.StatusPages;

/// <summary>
/// The status pages' edge through the real app host: the Statuspage-shaped JSON, the feeds read back
/// with a feed parser, the audience checked on the server for every format, embedding, caching, the
/// rate limit, the admin and incident APIs, and what never leaves.
/// </summary>
public sealed class StatusPageHostTests(AppFactory app) : IClassFixture<AppFactory>
{
    private T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    /// <summary>A page with a published incident and a private one never published; the snapshot rebuilt.</summary>
    private async Task<(string Key, int Published, int Hidden)> PublishedPageAsync(StatusAudience audience = StatusAudience.Public)
    {
        var key = "p" + Guid.NewGuid().ToString("N")[..10];
        Assert.True((await Get<StatusPageCommands>().CreateAsync(Actor.System, StatusPageRig.Page(key, audience))).Succeeded);
        var published = await app.Services.IncidentAsync("INTERNAL-TITLE " + key);
        var hidden = await app.Services.IncidentAsync("PRIVATE-breach " + key, isPrivate: true);
        await Get<StatusUpdateCommands>().DraftAsync(Actor.System, hidden, StatusPageRig.Update(title: "DRAFT-private", body: "DRAFT-private-body"));
        await app.Services.PublishedAsync(published, StatusPageRig.Update(), key);
        await Get<StatusUpdateCommands>().DraftAsync(Actor.System, published, StatusPageRig.Update(body: "UNPUBLISHED-draft"));
        Assert.True(await Get<StatusSnapshots>().RebuildAsync());
        return (key, published, hidden);
    }

    private HttpClient Anonymous() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task Summary_json_has_Statuspages_fields_and_words()
    {
        var (key, published, _) = await PublishedPageAsync();

        var response = await Anonymous().GetAsync($"/pages/{key}/api/v2/summary.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var root = await response.JsonAsync();
        Assert.Equal(["components", "incidents", "page", "scheduled_maintenances", "status"], root.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(["id", "name", "time_zone", "updated_at", "url"], root.GetProperty("page").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(("major", "Partial System Outage"), (root.GetProperty("status").GetProperty("indicator").GetString(), root.GetProperty("status").GetProperty("description").GetString()));
        var components = root.GetProperty("components").EnumerateArray().ToList();
        var group = components.First(c => c.GetProperty("group").GetBoolean());
        var kv = components.Single(c => c.GetProperty("name").GetString() == "Public workers-kv");
        Assert.Equal(["created_at", "description", "group", "group_id", "id", "name", "only_show_if_degraded", "page_id", "position", "showcase", "start_date", "status", "updated_at"],
            kv.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("partial_outage", kv.GetProperty("status").GetString());
        Assert.Contains(kv.GetProperty("id").GetString(), group.GetProperty("components").EnumerateArray().Select(c => c.GetString()));
        var incident = Assert.Single(root.GetProperty("incidents").EnumerateArray());
        Assert.Equal(["components", "created_at", "id", "impact", "incident_updates", "monitoring_at", "name", "page_id",
                "postmortem_body", "postmortem_body_last_updated_at", "postmortem_published_at", "resolved_at", "shortlink", "started_at", "status", "updated_at"],
            incident.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(($"i{published}", "investigating", "major"), (incident.GetProperty("id").GetString(), incident.GetProperty("status").GetString(), incident.GetProperty("impact").GetString()));
        var update = Assert.Single(incident.GetProperty("incident_updates").EnumerateArray());
        Assert.Equal(["affected_components", "body", "created_at", "custom_tweet", "deliver_notifications", "display_at", "id", "incident_id", "status", "tweet_id", "updated_at"],
            update.EnumerateObject().Select(p => p.Name).Order());
        var affected = Assert.Single(update.GetProperty("affected_components").EnumerateArray());
        Assert.Equal(("operational", "partial_outage"), (affected.GetProperty("old_status").GetString(), affected.GetProperty("new_status").GetString()));

        foreach (var path in new[] { "status.json", "components.json", "incidents.json", "incidents/unresolved.json", "scheduled-maintenances.json",
                     "scheduled-maintenances/upcoming.json", "scheduled-maintenances/active.json" })
        {
            var doc = await (await Anonymous().GetAsync($"/pages/{key}/api/v2/{path}")).JsonAsync();
            Assert.True(doc.TryGetProperty("page", out _), path);
        }
        Assert.Single((await (await Anonymous().GetAsync($"/pages/{key}/api/v2/incidents/unresolved.json")).JsonAsync()).GetProperty("incidents").EnumerateArray());
    }

    [Fact]
    public async Task The_Atom_and_RSS_feeds_parse_back_with_the_published_update()
    {
        var (key, _, _) = await PublishedPageAsync();

        foreach (var feed in new[] { "feed.atom", "feed.rss" })
        {
            await using var stream = await Anonymous().GetStreamAsync($"/pages/{key}/{feed}");
            using var reader = XmlReader.Create(stream);
            var parsed = SyndicationFeed.Load(reader);
            var item = Assert.Single(parsed.Items);
            Assert.Equal("Elevated errors on the key-value store: Investigating", item.Title.Text);
            Assert.Contains("We are investigating elevated error rates.", ((TextSyndicationContent)(item.Summary ?? item.Content)).Text);
        }
    }

    [Fact]
    public async Task A_public_postmortem_shows_rendered_on_the_page_in_the_JSON_and_the_feeds_while_its_draft_and_the_internal_postmortem_never_leave()
    {
        var (key, published, hidden) = await PublishedPageAsync();
        await app.Services.InternalPostmortemAsync(published, "INTERNAL-PM the database password was in the log");
        await app.Services.InternalPostmortemAsync(hidden, "INTERNAL-PM private");
        await app.Services.PublicPostmortemAsync(published, "**Root cause**: PUBLIC-PM a bad config push.\n\n<script>alert(1)</script> [more](javascript:alert(1))");
        await app.Services.PostmortemDraftAsync(published, "DRAFT-PM rewrite in progress");
        await app.Services.PostmortemDraftAsync(hidden, "DRAFT-PM of a private incident");
        Assert.True(await Get<StatusSnapshots>().RebuildAsync());
        var client = Anonymous();

        var html = await client.GetStringAsync($"/pages/{key}");
        Assert.Contains("<strong>Root cause</strong>: PUBLIC-PM a bad config push.", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("javascript:", html);
        var incident = Assert.Single((await (await client.GetAsync($"/pages/{key}/api/v2/incidents.json")).JsonAsync()).GetProperty("incidents").EnumerateArray());
        Assert.StartsWith("**Root cause**: PUBLIC-PM", incident.GetProperty("postmortem_body").GetString());
        Assert.Equal(JsonValueKind.String, incident.GetProperty("postmortem_published_at").ValueKind);
        await using (var stream = await client.GetStreamAsync($"/pages/{key}/feed.atom"))
        using (var reader = XmlReader.Create(stream))
            Assert.Contains(SyndicationFeed.Load(reader).Items, i => i.Title.Text == "Elevated errors on the key-value store: Postmortem");

        foreach (var path in new[] { "", "/widget", "/badge.svg", "/feed.atom", "/feed.rss", "/api/v2/summary.json", "/api/v2/incidents.json", "/api/v2/incidents/unresolved.json" })
        {
            var body = await client.GetStringAsync($"/pages/{key}{path}");
            foreach (var secret in new[] { "INTERNAL-PM", "DRAFT-PM", StatusPageRig.Secret })
                Assert.False(body.Contains(secret, StringComparison.Ordinal), $"{path} shows {secret}");
        }
    }

    [Fact]
    public async Task The_sign_up_form_offers_the_pages_components_as_labelled_checkboxes_and_keeps_the_ones_ticked()
    {
        var (key, _, _) = await PublishedPageAsync();
        var kv = Get<StatusSnapshots>().Find(key)!.Components.Single(c => c.Name == "Public workers-kv").Id;

        var html = await Anonymous().GetStringAsync($"/pages/{key}");
        Assert.Contains($"<label><input type=\"checkbox\" name=\"components\" value=\"{kv}\"> Public workers-kv</label>", html);
        Assert.Contains("<legend>Only about these components (optional; none ticked means all)</legend>", html);
        var email = $"{key}@example.com";
        var posted = await Anonymous().PostAsync($"/pages/{key}/subscribe",
            new FormUrlEncodedContent([new("email", email), new("components", kv)]));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var refused = await Anonymous().PostAsync($"/pages/{key}/subscribe", new FormUrlEncodedContent([new("email", "x" + email), new("components", "c0")]));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        await using var db = await Get<IDbContextFactory<IncidentBoardDbContext>>().CreateDbContextAsync();
        var chosen = await db.StatusSubscribers.Where(s => s.Email == email).SelectMany(s => s.Components).Select(c => c.StatusPageComponentId).SingleAsync();
        Assert.Equal(kv, $"c{chosen}");
    }

    [Fact]
    public async Task Nothing_unpublished_leaves_through_the_page_the_JSON_the_feeds_the_badge_or_the_widget()
    {
        var (key, _, hidden) = await PublishedPageAsync();
        var client = Anonymous();

        foreach (var path in new[] { "", "/widget", "/badge.svg", "/feed.atom", "/feed.rss", "/api/v2/summary.json", "/api/v2/incidents.json", "/api/v2/components.json" })
        {
            var body = await client.GetStringAsync($"/pages/{key}{path}");
            foreach (var secret in new[] { "INTERNAL-TITLE", "PRIVATE-breach", "DRAFT-private", "UNPUBLISHED", StatusPageRig.Secret, "cf-workers-kv", "cf-access", "Workers KV", "Cloudflare Access",
                         AppFactory.OwnerEmail, AppFactory.OwnerName, $"i{hidden}\"", $"#i{hidden}" })
                Assert.False(body.Contains(secret, StringComparison.Ordinal), $"{path} shows {secret}");
        }
        Assert.Contains("Elevated errors on the key-value store", await client.GetStringAsync($"/pages/{key}"));
    }

    [Fact]
    public async Task The_page_shows_state_incidents_bars_and_when_it_was_last_updated_and_is_cacheable()
    {
        var (key, _, _) = await PublishedPageAsync();

        var response = await Anonymous().GetAsync($"/pages/{key}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Partial System Outage", html);
        Assert.Contains("Last updated at", html);
        Assert.Equal(2 * PageSnapshot.Days, System.Text.RegularExpressions.Regex.Count(html, "class=\"sp-bar "));
        Assert.Equal("public, max-age=10", response.Headers.CacheControl?.ToString());
        Assert.DoesNotContain("<script", html);
        var again = new HttpRequestMessage(HttpMethod.Get, $"/pages/{key}");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await Anonymous().SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task The_widget_may_be_framed_only_by_the_listed_origins()
    {
        var (key, _, _) = await PublishedPageAsync();

        var widget = await Anonymous().GetAsync($"/pages/{key}/widget");

        var csp = widget.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'self' https://intranet.example.com", csp);
        Assert.DoesNotContain("script-src", csp);
        Assert.Equal("image/svg+xml", (await Anonymous().GetAsync($"/pages/{key}/badge.svg")).Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_internal_page_asks_a_visitor_to_sign_in_in_every_format_and_a_restricted_one_hides_from_other_roles()
    {
        var (internalKey, _, _) = await PublishedPageAsync(StatusAudience.Internal);
        var (restrictedKey, _, _) = await PublishedPageAsync(StatusAudience.Restricted);
        var anonymous = Anonymous();

        var page = await anonymous.GetAsync($"/pages/{internalKey}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Headers.Location!.ToString());
        foreach (var path in new[] { "/api/v2/summary.json", "/feed.atom", "/badge.svg" })
            await (await anonymous.GetAsync($"/pages/{internalKey}{path}")).ProblemAsync(401);

        await app.UserAsync("viv@example.com", Role.Viewer);
        var viewer = await app.SignedInClientAsync("viv@example.com", "a long enough password");
        var seen = await viewer.GetAsync($"/pages/{internalKey}");
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        Assert.True(seen.Headers.CacheControl is { Private: true, NoCache: true, Public: false });
        await (await viewer.GetAsync($"/pages/{restrictedKey}/api/v2/summary.json")).ProblemAsync(404);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"/pages/{restrictedKey}")).StatusCode);
        var owner = await app.SignedInClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/pages/{restrictedKey}")).StatusCode);
    }

    [Fact]
    public async Task The_admin_API_creates_and_updates_pages_with_ETags_and_refuses_non_admin_keys()
    {
        var admin = await app.ApiClientAsync(Role.Admin);
        var responder = await app.ApiClientAsync(Role.Responder);
        var key = "api" + Guid.NewGuid().ToString("N")[..8];

        await (await responder.SendJsonAsync(HttpMethod.Post, "/api/v1/status-pages", StatusPageRig.Page(key))).ProblemAsync(403);
        var created = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/status-pages", StatusPageRig.Page(key));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        Assert.Equal(2, body.GetProperty("components").GetArrayLength());

        await (await admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/status-pages/{key}", StatusPageRig.Page(key) with { Name = "Renamed" })).ProblemAsync(428);
        var updated = await admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/status-pages/{key}", StatusPageRig.Page(key) with { Name = "Renamed" }, ifMatch: created.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("Renamed", (await updated.JsonAsync()).GetProperty("name").GetString());
        await (await admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/status-pages/{key}", StatusPageRig.Page(key), ifMatch: created.Headers.ETag!.Tag)).ProblemAsync(412);
        var invalid = await (await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/status-pages", StatusPageRig.Page("Bad Key"))).ProblemAsync(400);
        Assert.True(invalid.GetProperty("errors").TryGetProperty("Key", out _));
    }

    [Fact]
    public async Task Maintenance_scheduled_through_the_API_shows_in_the_scheduled_maintenances_JSON_with_Statuspages_fields()
    {
        var (key, _, _) = await PublishedPageAsync();
        var admin = await app.ApiClientAsync(Role.Admin);
        var body = new MaintenanceInput
        {
            Title = "Database upgrade", Body = "Sign-ins may be slow.", ScheduledFor = "2099-01-15T10:00:00Z", ScheduledUntil = "2099-01-15T11:00:00Z", Components = ["cf-access"],
        };

        var created = await admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/status-pages/{key}/maintenances", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Scheduled", (await created.JsonAsync()).GetProperty("state").GetString());
        await (await (await app.ApiClientAsync(Role.Responder)).SendJsonAsync(HttpMethod.Post, $"/api/v1/status-pages/{key}/maintenances", body)).ProblemAsync(403);
        Assert.True(await Get<StatusSnapshots>().RebuildAsync());

        var upcoming = await (await Anonymous().GetAsync($"/pages/{key}/api/v2/scheduled-maintenances/upcoming.json")).JsonAsync();
        var m = Assert.Single(upcoming.GetProperty("scheduled_maintenances").EnumerateArray());
        Assert.Equal(["components", "created_at", "id", "impact", "incident_updates", "monitoring_at", "name", "page_id", "resolved_at", "scheduled_for", "scheduled_until",
            "shortlink", "started_at", "status", "updated_at"], m.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(("scheduled", "maintenance", "2099-01-15T10:00:00Z"), (m.GetProperty("status").GetString(), m.GetProperty("impact").GetString(), m.GetProperty("scheduled_for").GetString()));
        Assert.Empty((await (await Anonymous().GetAsync($"/pages/{key}/api/v2/scheduled-maintenances/active.json")).JsonAsync()).GetProperty("scheduled_maintenances").EnumerateArray());
        Assert.Single((await (await Anonymous().GetAsync($"/pages/{key}/api/v2/summary.json")).JsonAsync()).GetProperty("scheduled_maintenances").EnumerateArray());
        Assert.Contains("Database upgrade", await Anonymous().GetStringAsync($"/pages/{key}"));
    }

    [Fact]
    public async Task A_responder_key_drafts_but_only_an_admin_key_publishes_through_the_incident_API()
    {
        var key = "inc" + Guid.NewGuid().ToString("N")[..8];
        await Get<StatusPageCommands>().CreateAsync(Actor.System, StatusPageRig.Page(key));
        var incident = await app.Services.IncidentAsync("API incident " + key);
        string slug;
        await using (var db = await Get<IDbContextFactory<IncidentBoardDbContext>>().CreateDbContextAsync())
            slug = await db.Incidents.Where(i => i.Id == incident).Select(i => i.Slug).SingleAsync();
        var responder = await app.ApiClientAsync(Role.Responder);
        var admin = await app.ApiClientAsync(Role.Admin);

        var drafted = await responder.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{slug}/status-updates", StatusPageRig.Update());
        Assert.Equal(HttpStatusCode.Created, drafted.StatusCode);
        var id = (await drafted.JsonAsync()).GetProperty("id").GetInt32();

        await (await responder.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{slug}/status-updates/{id}/publish", new { pages = new[] { key } })).ProblemAsync(403);
        var published = await admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{slug}/status-updates/{id}/publish", new { pages = new[] { key } });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal([key], (await published.JsonAsync()).GetProperty("pageKeys").EnumerateArray().Select(k => k.GetString()));
        var list = await (await responder.GetAsync($"/api/v1/incidents/{slug}/status-updates")).JsonAsync();
        Assert.NotNull(Assert.Single(list.EnumerateArray()).GetProperty("publishedAt").GetString());
    }
}

/// <summary>Hosts of their own: a tight rate limit, and a database that goes away.</summary>
public sealed class StatusPageEdgeHostTests
{
    [Fact]
    public async Task A_flood_from_one_address_is_refused_with_429_and_Retry_After()
    {
        await using var app = new AppFactory { Settings = { ["RateLimits:StatusPages:PermitLimit"] = "3", ["RateLimits:StatusPages:WindowSeconds"] = "60" } };
        await app.Services.GetRequiredService<StatusPageCommands>().CreateAsync(Actor.System, StatusPageRig.Page());
        await app.Services.GetRequiredService<StatusSnapshots>().RebuildAsync();
        var client = app.CreateClient();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++) answers.Add(await client.GetAsync("/pages/public/api/v2/status.json"));

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        await answers[3].ProblemAsync(429);
        Assert.True(answers[3].Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task With_the_database_stopped_the_page_still_answers_with_its_last_state_and_when_it_was_updated()
    {
        await using var app = new PostgresAppFactory();
        await app.Services.GetRequiredService<StatusPageCommands>().CreateAsync(Actor.System, StatusPageRig.Page());
        var incident = await app.Services.IncidentAsync("Down test");
        await app.Services.PublishedAsync(incident, StatusPageRig.Update());
        var snapshots = app.Services.GetRequiredService<StatusSnapshots>();
        Assert.True(await snapshots.RebuildAsync());
        var client = app.CreateClient();
        var before = await client.GetStringAsync("/pages/public");

        await PostgresAppFactory.StopDatabaseAsync(app.Services);
        Assert.False(await snapshots.RebuildAsync());
        var during = await client.GetAsync("/pages/public");
        var summary = await client.GetAsync("/pages/public/api/v2/summary.json");
        await PostgresAppFactory.StartDatabaseAsync(app.Services);

        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        Assert.Equal(before, await during.Content.ReadAsStringAsync());
        Assert.Contains("Last updated at", before);
        Assert.Contains("Elevated errors on the key-value store", before);
        Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
        Assert.NotNull(snapshots.FailingSince);
    }
}
