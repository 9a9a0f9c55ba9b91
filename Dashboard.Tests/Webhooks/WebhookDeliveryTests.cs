using System.Net;
using System.Text.Json;
using Dashboard.Data.Webhooks;
using Dashboard.Tests.Infrastructure;
using Dashboard.Webhooks;
using Microsoft.EntityFrameworkCore;
using Dashboard.Api;

namespace Dashboard.Tests.Webhooks;

public class WebhookDeliveryTests
{
    [Fact]
    public async Task A_receiver_verifies_the_signature_with_the_StandardWebhooks_library()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // The library checks the timestamp against the real clock, so this test signs with it.
        await using var rig = await WebhookRig.CreateAsync(TimeProvider.System);
        var (endpoint, secret) = await rig.EndpointAsync(receiver.Url, "incident.created", "timeline_event.created");
        receiver.Secret = secret;
        var incident = await rig.IncidentAsync("Search is slow");
        await rig.EventAsync(incident, "Rolled back the index change");

        Assert.Equal(2, await rig.Get<WebhookDispatcher>().DeliverDueAsync(CancellationToken.None));

        var hooks = receiver.Received.ToList();
        Assert.Equal(2, hooks.Count);
        Assert.All(hooks, h => Assert.True(h.Verified, h.VerifyError));
        Assert.Equal(["incident.created", "timeline_event.created"], hooks.Select(h => JsonDocument.Parse(h.Body).RootElement.GetProperty("type").GetString()));
        var rows = rig.Deliveries();
        Assert.Equal(hooks.Select(h => h.Id), rows.Select(r => r.EventId));
        Assert.All(rows, r => Assert.Equal((DeliveryStatus.Delivered, 1, 204), (r.Status, r.Attempts, r.LastResponseCode)));
        Assert.All(rows, r => Assert.NotNull(r.LastLatencyMs));

        // A tampered body, or the old secret after a rotation, does not verify.
        var tampered = hooks[0] with { Body = hooks[0].Body.Replace("Search is slow", "Search is fine") };
        var headers = new Microsoft.AspNetCore.Http.HeaderDictionary
        {
            ["webhook-id"] = tampered.Id, ["webhook-timestamp"] = tampered.Timestamp, ["webhook-signature"] = tampered.Signature,
        };
        Assert.ThrowsAny<Exception>(() => new StandardWebhooks.StandardWebhook(secret).Verify(tampered.Body, headers));
        var (_, rotated) = await rig.Get<WebhookCommands>().RotateSecretAsync(WebhookRig.Owner, endpoint);
        await rig.EventAsync(incident, "Signed with the new secret");
        await rig.Get<WebhookDispatcher>().DeliverDueAsync(CancellationToken.None);
        Assert.False(receiver.Received.Last().Verified);
        receiver.Secret = rotated;
        Assert.Equal(1, await rig.Get<WebhookCommands>().RedeliverAsync(WebhookRig.Owner, rig.Deliveries().Last().Id) is { Succeeded: true } ? 1 : 0);
        await rig.Get<WebhookDispatcher>().DeliverDueAsync(CancellationToken.None);
        Assert.True(receiver.Received.Last().Verified, receiver.Received.Last().VerifyError);
        Assert.Equal(receiver.Received.ElementAt(2).Id, receiver.Received.Last().Id); // a redelivery keeps the webhook-id
    }

    [Fact]
    public async Task Failures_back_off_with_growing_delays_then_the_endpoint_is_disabled_after_a_day()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (_, _) => Task.FromResult(503);
        var clock = new MovableClock(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));
        await using var rig = await WebhookRig.CreateAsync(clock);
        var (endpoint, _) = await rig.EndpointAsync(receiver.Url, "incident.created");
        await rig.IncidentAsync();
        var dispatcher = rig.Get<WebhookDispatcher>();
        var created = clock.GetUtcNow().UtcDateTime;

        var delays = new List<TimeSpan>();
        while (rig.Deliveries().Single().Status == DeliveryStatus.Pending)
        {
            Assert.Equal(1, await dispatcher.DeliverDueAsync(CancellationToken.None));
            var row = rig.Deliveries().Single();
            Assert.Equal(503, row.LastResponseCode);
            if (row.Status != DeliveryStatus.Pending) break;
            var now = clock.GetUtcNow().UtcDateTime;
            delays.Add(row.NextAttemptAt - now);
            Assert.Equal(0, await dispatcher.DeliverDueAsync(CancellationToken.None)); // not due before its time
            clock.Advance(row.NextAttemptAt - now);
            Assert.True(delays.Count < 40, "never gave up");
        }

        var failed = rig.Deliveries().Single();
        Assert.Equal(DeliveryStatus.Failed, failed.Status);
        Assert.Equal(delays.Count + 1, failed.Attempts);
        Assert.Equal(receiver.Received.Count, failed.Attempts);
        Assert.True(clock.GetUtcNow().UtcDateTime - created >= TimeSpan.FromHours(24));
        Assert.True(clock.GetUtcNow().UtcDateTime - created < TimeSpan.FromHours(31)); // gave up within a retry of the window
        // Each wait is about four times the last (±20 % jitter) until the 6 h cap.
        Assert.InRange(delays[0].TotalSeconds, 4, 6);
        for (var i = 1; i < delays.Count; i++)
            Assert.True(delays[i] > delays[i - 1] * 2.5 || delays[i] >= TimeSpan.FromHours(4.8), $"delay {i}: {delays[i]} after {delays[i - 1]}");

        var disabled = rig.Endpoint(endpoint);
        Assert.False(disabled.IsEnabled);
        Assert.Contains("503", disabled.DisabledReason);
        Assert.Contains("24 h", disabled.DisabledReason);
        await using var db = rig.Database.CreateDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "webhook.disabled" && a.Actor == WebhookDispatcher.Worker.Name));

        // Nothing new is queued for a disabled endpoint; enabling it again resumes.
        await rig.IncidentAsync("Second outage");
        Assert.Single(rig.Deliveries());
        var listed = (await rig.Get<WebhookQueries>().ListAsync(WebhookRig.Owner)).Single();
        Assert.False(listed.IsEnabled);
        Assert.Equal(1, listed.Failed);
    }

    [Fact]
    public async Task A_delivery_cut_off_by_a_crash_is_sent_again_after_restart_once_its_lease_ends()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var hang = new TaskCompletionSource();
        receiver.Answer = async (_, ct) =>
        {
            hang.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct); // never answers: the sender dies first
            return 204;
        };
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        await using var rig = await WebhookRig.CreateAsync(clock);
        var (_, secret) = await rig.EndpointAsync(receiver.Url, "incident.created");
        receiver.Secret = secret;
        await rig.IncidentAsync();

        using var crash = new CancellationTokenSource();
        var inFlight = rig.Get<WebhookDispatcher>().DeliverDueAsync(crash.Token);
        await hang.Task.WaitAsync(TimeSpan.FromSeconds(30));
        crash.Cancel(); // the process dies mid-POST
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => inFlight);
        await rig.RestartAsync();

        var held = rig.Deliveries().Single();
        Assert.Equal((DeliveryStatus.Pending, 0), (held.Status, held.Attempts));
        Assert.NotNull(held.ClaimToken);
        receiver.Answer = (_, _) => Task.FromResult(200);
        Assert.Equal(0, await rig.Get<WebhookDispatcher>().DeliverDueAsync(CancellationToken.None)); // still leased
        clock.Advance(new WebhookOptions().Lease);
        Assert.Equal(1, await rig.Get<WebhookDispatcher>().DeliverDueAsync(CancellationToken.None));

        var done = rig.Deliveries().Single();
        Assert.Equal((DeliveryStatus.Delivered, 1, 200), (done.Status, done.Attempts, done.LastResponseCode));
        var hooks = receiver.Received.ToList();
        Assert.Equal(2, hooks.Count);
        Assert.Equal(hooks[0].Id, hooks[1].Id);
        Assert.True(hooks[1].Verified, hooks[1].VerifyError);
    }

    [Fact]
    public async Task Private_destinations_are_refused_at_connect_time_even_when_registered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var rig = await WebhookRig.CreateAsync(FixedClock.Default, allowPrivate: false);
        // As if the name had resolved to a public address when it was registered and now points inside (DNS rebinding).
        await using (var db = rig.Database.CreateDbContext())
        {
            db.WebhookEndpoints.Add(new WebhookEndpoint
            {
                Url = receiver.Url.Replace("127.0.0.1", "localhost"), EventTypes = "incident.created", Secret = WebhookSigning.NewSecret(),
                CreatedAt = FixedClock.Default.GetUtcNow().UtcDateTime, CreatedBy = "test", Version = Guid.NewGuid(),
            });
            await db.SaveChangesAsync();
        }
        await rig.IncidentAsync();

        Assert.Equal(1, await rig.Get<WebhookDispatcher>().DeliverDueAsync(CancellationToken.None));

        Assert.Empty(receiver.Received);
        var row = rig.Deliveries().Single();
        Assert.Equal(DeliveryStatus.Pending, row.Status);
        Assert.Contains("loopback, private or link-local", row.LastError);
        Assert.Null(row.LastResponseCode);
        await Assert.ThrowsAsync<RefusedDestinationException>(async () =>
            await SafeConnect.ConnectAsync(new DnsEndPoint("169.254.169.254", 80), allowPrivateNetworks: false, CancellationToken.None));
    }

    [Theory]
    [InlineData("127.0.0.1"), InlineData("10.1.2.3"), InlineData("172.16.0.1"), InlineData("172.31.255.255"), InlineData("192.168.1.1")]
    [InlineData("169.254.169.254"), InlineData("100.64.0.1"), InlineData("100.127.255.254"), InlineData("0.0.0.0"), InlineData("224.0.0.1")]
    [InlineData("::1"), InlineData("fd00:ec2::254"), InlineData("fc00::1"), InlineData("fe80::1"), InlineData("::ffff:127.0.0.1"), InlineData("::ffff:10.0.0.1"), InlineData("::")]
    public void The_guard_refuses_loopback_private_link_local_and_metadata_addresses(string address) =>
        Assert.True(AddressGuard.IsRefused(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.215.14"), InlineData("8.8.8.8"), InlineData("172.32.0.1"), InlineData("100.128.0.1"), InlineData("2606:4700:4700::1111")]
    public void The_guard_lets_public_addresses_through(string address) =>
        Assert.False(AddressGuard.IsRefused(IPAddress.Parse(address)));
}
