using System.Text.Json;
using Dashboard.Data.StatusPages;
using Dashboard.Tests.Infrastructure;
using Dashboard.Tests.Webhooks;

namespace Dashboard.Tests.StatusPages;

/// <summary>Subscribers hear of published status updates through the Standard Webhooks outbox; a draft sends nothing.</summary>
public sealed class StatusWebhookTests
{
    [Fact]
    public async Task Publishing_queues_a_status_update_event_with_the_public_text_and_a_draft_queues_nothing()
    {
        await using var rig = await WebhookRig.CreateAsync(FixedClock.Default);
        await rig.EndpointAsync("https://hooks.example.com/status", AuditActions.StatusUpdatePublished, AuditActions.StatusUpdateCorrected);
        Assert.True((await rig.Get<StatusPageCommands>().CreateAsync(WebhookRig.Owner, StatusPageRig.Page() with { Components = [] })).Succeeded);
        var incident = await rig.IncidentAsync("Checkout errors");
        var updates = rig.Get<StatusUpdateCommands>();

        var draft = await updates.DraftAsync(WebhookRig.Owner, incident, StatusPageRig.Update() with { Components = new Dictionary<string, ImpactLevel>() });
        Assert.Empty(rig.Deliveries());
        Assert.True((await updates.PublishAsync(WebhookRig.Owner, draft.Id!.Value, ["public"])).Succeeded);

        var sent = Assert.Single(rig.Deliveries());
        Assert.Equal(AuditActions.StatusUpdatePublished, sent.EventType);
        var data = JsonDocument.Parse(sent.Payload).RootElement.GetProperty("data").GetProperty("object");
        Assert.Equal(("Elevated errors on the key-value store", "Investigating", "We are investigating elevated error rates."),
            (data.GetProperty("title").GetString(), data.GetProperty("state").GetString(), data.GetProperty("body").GetString()));
    }

    [Fact]
    public async Task Publishing_a_public_postmortem_queues_an_event_with_its_published_text_and_never_a_draft_or_the_internal_postmortem()
    {
        await using var rig = await WebhookRig.CreateAsync(FixedClock.Default);
        await rig.EndpointAsync("https://hooks.example.com/status", AuditActions.StatusPostmortemPublished, AuditActions.StatusPostmortemUpdated);
        Assert.True((await rig.Get<StatusPageCommands>().CreateAsync(WebhookRig.Owner, StatusPageRig.Page() with { Components = [] })).Succeeded);
        var incident = await rig.IncidentAsync("Checkout errors");
        var updates = rig.Get<StatusUpdateCommands>();
        var draft = await updates.DraftAsync(WebhookRig.Owner, incident, StatusPageRig.Update() with { Components = new Dictionary<string, ImpactLevel>() });
        Assert.True((await updates.PublishAsync(WebhookRig.Owner, draft.Id!.Value, ["public"])).Succeeded);
        var postmortems = rig.Get<StatusPostmortemCommands>();

        var saved = await postmortems.SaveDraftAsync(WebhookRig.Owner, incident, null, "DRAFT-PM only for us");
        Assert.True(saved.Succeeded);
        Assert.Empty(rig.Deliveries());
        var published = await postmortems.PublishAsync(WebhookRig.Owner, incident, saved.Version, "PUBLIC-PM the fix");
        Assert.True(published.Succeeded, string.Join("; ", published.Errors.Values));
        Assert.True((await postmortems.PublishAsync(WebhookRig.Owner, incident, published.Version, "PUBLIC-PM the fix, verified")).Succeeded);

        var sent = rig.Deliveries();
        Assert.Equal([AuditActions.StatusPostmortemPublished, AuditActions.StatusPostmortemUpdated], sent.Select(d => d.EventType));
        var data = JsonDocument.Parse(sent[1].Payload).RootElement.GetProperty("data");
        Assert.Equal("PUBLIC-PM the fix, verified", data.GetProperty("object").GetProperty("body").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("changes").ValueKind);
        Assert.All(sent, d => Assert.DoesNotContain("DRAFT-PM", d.Payload));
    }

    [Fact]
    public async Task The_maintenance_reminder_is_queued_once_as_an_event_with_the_works_public_text()
    {
        await using var rig = await WebhookRig.CreateAsync(FixedClock.Default);
        await rig.EndpointAsync("https://hooks.example.com/status", AuditActions.MaintenanceReminded);
        Assert.True((await rig.Get<Dashboard.Data.Catalog.ServiceCatalogCommands>().CreateAsync(WebhookRig.Owner,
            new Dashboard.Data.Catalog.ServiceInput { Key = "cf-access", Name = "Cloudflare Access", Group = "Zero Trust" })).Succeeded);
        Assert.True((await rig.Get<StatusPageCommands>().CreateAsync(WebhookRig.Owner, StatusPageRig.Page(services: "cf-access"))).Succeeded);
        var start = FixedClock.Default.GetUtcNow().UtcDateTime.AddMinutes(45);
        Assert.True((await rig.Get<MaintenanceCommands>().ScheduleAsync(WebhookRig.Owner, "public", new MaintenanceInput
        {
            Title = "Database upgrade", Body = "Sign-ins may be slow.", ScheduledFor = start.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), ScheduledUntil = start.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), Components = ["cf-access"],
        })).Succeeded);

        Assert.Equal(1, await rig.Get<MaintenanceReminders>().SendDueAsync());
        Assert.Equal(0, await rig.Get<MaintenanceReminders>().SendDueAsync());

        var sent = Assert.Single(rig.Deliveries());
        Assert.Equal(AuditActions.MaintenanceReminded, sent.EventType);
        var data = JsonDocument.Parse(sent.Payload).RootElement.GetProperty("data").GetProperty("object");
        Assert.Equal(("Database upgrade", "Sign-ins may be slow."), (data.GetProperty("title").GetString(), data.GetProperty("body").GetString()));
    }
}
