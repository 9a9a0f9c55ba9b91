using System.Text.Json;
using Dashboard.Data.Incidents;
using Dashboard.Data.Webhooks;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Dashboard.Account;
using Dashboard.Api;

namespace Dashboard.Tests.Webhooks;

public class WebhookOutboxTests
{
    [Fact]
    public async Task A_change_writes_one_delivery_per_subscribed_enabled_endpoint()
    {
        await using var rig = await WebhookRig.CreateAsync(FixedClock.Default);
        var (incidents, _) = await rig.EndpointAsync("https://hooks.example.com/a", "incident.created", "incident.status_changed");
        var (events, _) = await rig.EndpointAsync("https://hooks.example.com/b", "timeline_event.created");
        var (off, _) = await rig.EndpointAsync("https://hooks.example.com/c", "incident.created");
        Assert.True((await rig.Get<WebhookCommands>().SetEnabledAsync(WebhookRig.Owner, off, false)).Succeeded);

        var id = await rig.IncidentAsync("Checkout errors");
        await rig.EventAsync(id);

        var rows = rig.Deliveries();
        Assert.Equal([(incidents, "incident.created"), (events, "timeline_event.created")], rows.Select(r => (r.EndpointId, r.EventType)));
        Assert.All(rows, r => Assert.Equal(DeliveryStatus.Pending, r.Status));
        var payload = JsonDocument.Parse(rows[0].Payload).RootElement;
        Assert.Equal("incident.created", payload.GetProperty("type").GetString());
        Assert.Equal("Checkout errors", payload.GetProperty("data").GetProperty("object").GetProperty("title").GetString());
        Assert.Equal(WebhookRig.Owner.Name, payload.GetProperty("data").GetProperty("actor").GetString());
        Assert.StartsWith("msg_", rows[0].EventId);
    }

    [Fact]
    public async Task A_status_change_is_its_own_event_type()
    {
        await using var rig = await WebhookRig.CreateAsync(FixedClock.Default);
        await rig.EndpointAsync("https://hooks.example.com/a", "incident.status_changed", "incident.updated");
        var id = await rig.IncidentAsync();
        await using (var db = rig.Database.CreateDbContext())
        {
            var incident = await db.Incidents.Include(i => i.Sources).SingleAsync(i => i.Id == id);
            var input = IncidentInput.From(incident);
            input.Status = IncidentStatus.Monitoring;
            Assert.True((await rig.Get<IncidentCommands>().UpdateAsync(WebhookRig.Owner, id, incident.Version, input)).Succeeded);
        }
        Assert.Equal(["incident.status_changed"], rig.Deliveries().Select(d => d.EventType));
    }

    [Fact]
    public async Task A_rolled_back_change_leaves_no_delivery()
    {
        await using var rig = await WebhookRig.CreateAsync(FixedClock.Default);
        await rig.EndpointAsync("https://hooks.example.com/a", "timeline_event.created", "incident.updated");
        var id = await rig.IncidentAsync();
        // The outbox insert fails after the event and its audit entry were written in the same
        // transaction: all three must be gone, not just the delivery.
        await using (var db = rig.Database.CreateDbContext())
            await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER refuse_outbox BEFORE INSERT ON WebhookDeliveries BEGIN SELECT RAISE(ABORT, 'outbox unavailable'); END");

        await Assert.ThrowsAsync<DbUpdateException>(() => rig.EventAsync(id, "Never committed"));

        await using (var db = rig.Database.CreateDbContext())
        {
            Assert.False(await db.TimelineEvents.AnyAsync(e => e.Text == "Never committed"));
            Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "timeline_event.created"));
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER refuse_outbox");
        }
        Assert.Empty(rig.Deliveries());

        // A stale update is refused before anything is staged: nothing goes out either.
        var stale = await rig.Get<IncidentCommands>().UpdateAsync(WebhookRig.Owner, id, Guid.NewGuid(), new IncidentInput
        {
            Title = "Renamed", Organisation = "Shop", Summary = "Payments failing.", Started = "2026-11-30 10:00",
        });
        Assert.Equal(Dashboard.Data.Kernel.Outcome.Conflict, stale.Outcome);
        Assert.Empty(rig.Deliveries());
    }

    [Fact]
    public async Task The_secret_is_shown_once_and_never_reaches_the_audit_trail()
    {
        await using var rig = await WebhookRig.CreateAsync(FixedClock.Default);
        var (id, secret) = await rig.EndpointAsync("https://hooks.example.com/a", "incident.created");
        Assert.StartsWith("whsec_", secret);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        var (rotated, newSecret) = await rig.Get<WebhookCommands>().RotateSecretAsync(WebhookRig.Owner, id);
        Assert.True(rotated.Succeeded);
        Assert.NotEqual(secret, newSecret);
        Assert.Equal(newSecret, rig.Get<WebhookSecrets>().Reveal(rig.Endpoint(id).Secret));

        await using var db = rig.Database.CreateDbContext();
        var trail = await db.AuditEntries.Where(a => a.EntityType == "webhook").Select(a => new { a.Action, a.Changes }).ToListAsync();
        Assert.Equal(["webhook.created", "webhook.secret_rotated"], trail.Select(a => a.Action));
        Assert.DoesNotContain(trail, a => a.Changes != null && (a.Changes.Contains(secret) || a.Changes.Contains(newSecret!)));
        Assert.Empty(await rig.Get<WebhookQueries>().ListAsync(Dashboard.Data.Kernel.Actor.Person("v@example.com", Dashboard.Data.Kernel.Role.Viewer)));
    }

    [Fact]
    public async Task Registration_refuses_bad_urls_unknown_events_and_non_admins()
    {
        await using var rig = await WebhookRig.CreateAsync(FixedClock.Default, allowPrivate: false);
        var commands = rig.Get<WebhookCommands>();
        var (loopback, _) = await commands.CreateAsync(WebhookRig.Owner, new WebhookInput("http://127.0.0.1:9/hook", ["incident.created"]));
        Assert.Contains("private", loopback.Errors["Url"]);
        var (named, _) = await commands.CreateAsync(WebhookRig.Owner, new WebhookInput("http://localhost:9/hook", ["incident.created"]));
        Assert.Contains("private", named.Errors["Url"]);
        var (metadata, _) = await commands.CreateAsync(WebhookRig.Owner, new WebhookInput("http://169.254.169.254/latest/meta-data", ["incident.created"]));
        Assert.Contains("link-local", metadata.Errors["Url"]);
        var (ftp, _) = await commands.CreateAsync(WebhookRig.Owner, new WebhookInput("ftp://example.com/x", ["nonsense.happened"]));
        Assert.Contains("http", ftp.Errors["Url"]);
        Assert.Contains("nonsense.happened", ftp.Errors["EventTypes"]);
        var (responder, _) = await commands.CreateAsync(Dashboard.Data.Kernel.Actor.Person("r@example.com", Dashboard.Data.Kernel.Role.Responder),
            new WebhookInput("https://93.184.215.14/hook", ["incident.created"]));
        Assert.Equal(Dashboard.Data.Kernel.Outcome.Forbidden, responder.Outcome);
        Assert.Empty(await rig.Get<WebhookQueries>().ListAsync(WebhookRig.Owner));
    }
}
