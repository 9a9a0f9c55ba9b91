using System.Net;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Api;

/// <summary>/api/v1/webhooks through the real app host: what the admin webhooks page does, for admin keys only.</summary>
public sealed class WebhooksApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    // A public address literal: registering it resolves no name.
    private const string Url = "https://93.184.215.14/hooks/incidentboard";

    [Fact]
    public async Task Endpoints_are_registered_with_a_secret_shown_once_changed_with_if_match_rotated_and_deleted()
    {
        var admin = await app.ApiClientAsync(Role.Admin);

        var created = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/webhooks", new { url = Url, eventTypes = new[] { "incident.created" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("no-store", created.Headers.CacheControl?.ToString());
        var body = await created.JsonAsync();
        var secret = body.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret);
        var endpoint = body.GetProperty("endpoint");
        Assert.False(endpoint.GetProperty("includePrivate").GetBoolean());
        Assert.True(endpoint.GetProperty("isEnabled").GetBoolean());
        var location = created.Headers.Location!.ToString();

        var read = await admin.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var listed = await (await admin.GetAsync("/api/v1/webhooks")).Content.ReadAsStringAsync();
        Assert.Contains(Url, listed);
        Assert.DoesNotContain(secret, listed);
        Assert.DoesNotContain(secret, await read.Content.ReadAsStringAsync());

        var change = new { url = Url, eventTypes = new[] { "incident.created", "timeline_event.created" }, includePrivate = true, isEnabled = false };
        await (await admin.SendJsonAsync(HttpMethod.Put, location, change)).ProblemAsync(428);
        var updated = await admin.SendJsonAsync(HttpMethod.Put, location, change, ifMatch: read.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var now = await updated.JsonAsync();
        Assert.True(now.GetProperty("includePrivate").GetBoolean());
        Assert.False(now.GetProperty("isEnabled").GetBoolean());
        Assert.Equal(2, now.GetProperty("eventTypes").GetArrayLength());
        await (await admin.SendJsonAsync(HttpMethod.Put, location, change, ifMatch: read.Headers.ETag!.ToString())).ProblemAsync(412);

        var rotated = await admin.SendJsonAsync(HttpMethod.Post, $"{location}/rotate-secret", null);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var newSecret = (await rotated.JsonAsync()).GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", newSecret);
        Assert.NotEqual(secret, newSecret);

        // A replayable answer would have to keep the secret: the key is refused, by name.
        var replayable = await admin.SendJsonAsync(HttpMethod.Post, $"{location}/rotate-secret", null, idempotencyKey: "rotate-1");
        Assert.True((await replayable.ProblemAsync(400)).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));

        await (await admin.SendJsonAsync(HttpMethod.Delete, location, null, ifMatch: updated.Headers.ETag!.ToString())).ProblemAsync(412);
        var current = await admin.GetAsync(location);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendJsonAsync(HttpMethod.Delete, location, null, ifMatch: current.Headers.ETag!.ToString())).StatusCode);
        await (await admin.GetAsync(location)).ProblemAsync(404);

        var trail = await (await admin.GetAsync("/api/v1/audit?entity=webhook")).Content.ReadAsStringAsync();
        Assert.Contains("webhook.updated", trail);
        Assert.Contains("IncludePrivate", trail);
        Assert.DoesNotContain(newSecret, trail);
    }

    [Fact]
    public async Task A_responder_key_may_not_list_or_register_endpoints()
    {
        var responder = await app.ApiClientAsync(Role.Responder);
        await (await responder.GetAsync("/api/v1/webhooks")).ProblemAsync(403);
        await (await responder.SendJsonAsync(HttpMethod.Post, "/api/v1/webhooks", new { url = Url, eventTypes = new[] { "incident.created" } })).ProblemAsync(403);
    }

    [Fact]
    public async Task A_bad_registration_is_refused_with_its_fields_named()
    {
        var admin = await app.ApiClientAsync(Role.Admin);
        var refused = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/webhooks", new { url = "ftp://example.com/x", eventTypes = new[] { "nonsense.happened" } });
        var errors = (await refused.ProblemAsync(400)).GetProperty("errors");
        Assert.Contains("http", errors.GetProperty("Url")[0].GetString());
        Assert.Contains("nonsense.happened", errors.GetProperty("EventTypes")[0].GetString());
        var missing = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/webhooks", new { url = Url });
        Assert.True((await missing.ProblemAsync(400)).GetProperty("errors").TryGetProperty("EventTypes", out _));
    }
}
