using System.Text.Json;
using Dashboard.Data.Actions;
using Dashboard.Data.Incidents;
using Dashboard.Data.Webhooks;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Dashboard.Account;

namespace Dashboard.Tests.Webhooks;

/// <summary>
/// Webhooks are an edge: a private incident, and anything that belongs to it, is queued only for
/// endpoints an admin marked for private incidents. Each test fails if the outbox queues for every
/// subscriber regardless.
/// </summary>
public class WebhookPrivacyTests
{
    /// <summary>The database these tests run on; <see cref="WebhookPrivacyTestsOnPostgreSql"/> runs them all again on PostgreSQL.</summary>
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    private static readonly string[] Everything = [.. WebhookEventTypes.All];

    private Task<WebhookRig> RigAsync() => WebhookRig.CreateAsync(FixedClock.Default, store: Store);

    [Fact]
    public async Task A_private_incidents_timeline_reaches_only_an_endpoint_marked_for_private_incidents()
    {
        await using var rig = await RigAsync();
        var (unmarked, _) = await rig.EndpointAsync("https://hooks.example.com/chat", "timeline_event.created");
        var (marked, _) = await rig.EndpointAsync("https://hooks.example.com/security", includePrivate: true, "timeline_event.created");
        var responder = await rig.UserAsync("rita@example.com", "Rita Responder", Role.Responder);

        var incident = await rig.IncidentAsync("Suspicious sign-ins", by: responder, isPrivate: true);
        await rig.EventAsync(incident, "CEO mailbox compromised", by: responder);

        var rows = rig.Deliveries();
        Assert.DoesNotContain(rows, r => r.EndpointId == unmarked);
        var sent = Assert.Single(rows, r => r.EndpointId == marked);
        Assert.True(sent.AboutPrivate);
        var data = JsonDocument.Parse(sent.Payload).RootElement.GetProperty("data");
        Assert.Equal("CEO mailbox compromised", data.GetProperty("object").GetProperty("text").GetString());
        Assert.True(data.GetProperty("incident").GetProperty("isPrivate").GetBoolean());
    }

    [Fact]
    public async Task A_timeline_event_on_a_public_incident_still_reaches_every_subscriber()
    {
        await using var rig = await RigAsync();
        var (unmarked, _) = await rig.EndpointAsync("https://hooks.example.com/chat", "timeline_event.created");
        var (marked, _) = await rig.EndpointAsync("https://hooks.example.com/security", includePrivate: true, "timeline_event.created");

        var incident = await rig.IncidentAsync("Checkout errors");
        await rig.EventAsync(incident, "Paged the payments team");

        var rows = rig.Deliveries();
        Assert.Equal([unmarked, marked], rows.Select(r => r.EndpointId).Order());
        Assert.All(rows, r => Assert.False(r.AboutPrivate));
        var data = JsonDocument.Parse(rows[0].Payload).RootElement.GetProperty("data");
        Assert.False(data.GetProperty("incident").GetProperty("isPrivate").GetBoolean());
        Assert.Equal("Paged the payments team", data.GetProperty("object").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Nothing_about_an_incident_is_queued_for_an_unmarked_endpoint_once_it_is_private_through_its_deletion()
    {
        await using var rig = await RigAsync();
        var (unmarked, _) = await rig.EndpointAsync("https://hooks.example.com/chat", Everything);
        var (marked, _) = await rig.EndpointAsync("https://hooks.example.com/security", includePrivate: true, Everything);
        var incident = await rig.IncidentAsync("Leaked credentials");
        var before = rig.Deliveries().Count(r => r.EndpointId == unmarked);
        Assert.Equal(1, before); // incident.created, while it was public

        Assert.True((await rig.Get<IncidentAccessCommands>().SetPrivateAsync(WebhookRig.Owner, incident, true)).Succeeded);
        await rig.EventAsync(incident, "Rotated the deploy keys");
        var action = await rig.Get<ActionCommands>().CreateAsync(WebhookRig.Owner, incident, new ActionInput { Title = "Scan repositories for keys", Owner = "Sam" });
        Assert.True(action.Succeeded, string.Join("; ", action.Errors.Values));
        await using (var db = rig.Database.CreateDbContext())
        {
            var row = await db.Incidents.Include(i => i.Sources).SingleAsync(i => i.Id == incident);
            var input = IncidentInput.From(row);
            input.Title = "Leaked credentials in CI";
            Assert.True((await rig.Get<IncidentCommands>().UpdateAsync(WebhookRig.Owner, incident, row.Version, input)).Succeeded);
            var version = await db.Incidents.Where(i => i.Id == incident).Select(i => i.Version).SingleAsync();
            Assert.True((await rig.Get<IncidentCommands>().DeleteAsync(WebhookRig.Owner, incident, version)).Succeeded);
        }

        var rows = rig.Deliveries();
        Assert.Equal(before, rows.Count(r => r.EndpointId == unmarked));
        Assert.Equal(["incident.created", "timeline_event.created", "action.created", "incident.updated", "incident.deleted"],
            rows.Where(r => r.EndpointId == marked).Select(r => r.EventType));
        Assert.All(rows.Where(r => r.EndpointId == marked).Skip(1), r =>
            Assert.True(JsonDocument.Parse(r.Payload).RootElement.GetProperty("data").GetProperty("incident").GetProperty("isPrivate").GetBoolean()));
        Assert.DoesNotContain(rows.Where(r => r.EndpointId == unmarked), r => r.Payload.Contains("Rotated") || r.Payload.Contains("Scan repositories"));
    }

    [Fact]
    public async Task Excluding_private_incidents_again_drops_queued_private_messages_and_refuses_to_send_them_again()
    {
        await using var rig = await RigAsync();
        var (endpoint, _) = await rig.EndpointAsync("https://hooks.example.com/security", includePrivate: true, "timeline_event.created");
        var incident = await rig.IncidentAsync("Suspicious sign-ins", isPrivate: true);
        await rig.EventAsync(incident, "CEO mailbox compromised");
        var queued = Assert.Single(rig.Deliveries());
        Assert.Equal(DeliveryStatus.Pending, queued.Status);

        var commands = rig.Get<WebhookCommands>();
        Assert.True((await commands.SetIncludePrivateAsync(WebhookRig.Owner, endpoint, false)).Succeeded);

        var dropped = Assert.Single(rig.Deliveries());
        Assert.Equal(DeliveryStatus.Failed, dropped.Status);
        Assert.Contains("no longer receives private incidents", dropped.LastError);
        Assert.Equal(Outcome.Invalid, (await commands.RedeliverAsync(WebhookRig.Owner, dropped.Id)).Outcome);
        Assert.Single(rig.Deliveries());
        Assert.False(rig.Endpoint(endpoint).IncludePrivate);
        await using var db = rig.Database.CreateDbContext();
        var audited = await db.AuditEntries.Where(a => a.Action == "webhook.updated").Select(a => a.Changes).SingleAsync();
        Assert.Contains("IncludePrivate", audited);
    }
}

public sealed class WebhookPrivacyTestsOnPostgreSql : WebhookPrivacyTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
