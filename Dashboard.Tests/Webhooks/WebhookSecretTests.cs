using Dashboard.Data.Webhooks;
using Dashboard.Tests.Infrastructure;
using Dashboard.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Webhooks;

/// <summary>
/// Signing secrets at rest: the column holds a Data Protection payload, never the secret, and a
/// receiver still verifies every delivery with the secret it was shown once, also after a restart
/// and for rows stored readable before protection existed.
/// </summary>
public class WebhookSecretTests
{
    /// <summary>The database these tests run on; <see cref="WebhookSecretTestsOnPostgreSql"/> runs them all again on PostgreSQL.</summary>
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    // The receiver's library checks the timestamp against the real clock, so these tests sign with it.
    private Task<WebhookRig> RigAsync() => WebhookRig.CreateAsync(TimeProvider.System, store: Store);

    private static async Task<string> StoredSecretAsync(WebhookRig rig, int id)
    {
        await using var db = rig.Database.CreateDbContext();
        return await db.WebhookEndpoints.Where(e => e.Id == id).Select(e => e.Secret).SingleAsync();
    }

    [Fact]
    public async Task The_column_holds_no_secret_and_deliveries_verify_with_the_secret_shown_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var rig = await RigAsync();
        var (endpoint, secret) = await rig.EndpointAsync(receiver.Url, "incident.created");
        receiver.Secret = secret;

        var stored = await StoredSecretAsync(rig, endpoint);
        Assert.StartsWith(WebhookSecrets.Marker, stored);
        Assert.DoesNotContain(secret, stored);
        Assert.DoesNotContain(secret[WebhookSigning.SecretPrefix.Length..], stored);

        // A new process reads the keys from the database, as another instance would.
        await rig.RestartAsync();
        await rig.IncidentAsync("Search is slow");
        Assert.Equal(1, await rig.Get<WebhookDispatcher>().DeliverDueAsync(CancellationToken.None));
        var hook = Assert.Single(receiver.Received);
        Assert.True(hook.Verified, hook.VerifyError);
    }

    [Fact]
    public async Task A_secret_stored_readable_before_the_upgrade_still_signs_and_is_protected_at_its_next_rotation()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var rig = await RigAsync();
        var (endpoint, _) = await rig.EndpointAsync(receiver.Url, "incident.created");
        var legacy = WebhookSigning.NewSecret();
        await using (var db = rig.Database.CreateDbContext())
            await db.WebhookEndpoints.Where(e => e.Id == endpoint).ExecuteUpdateAsync(s => s.SetProperty(e => e.Secret, legacy));
        receiver.Secret = legacy;
        Assert.False((await rig.Get<WebhookQueries>().GetAsync(WebhookRig.Owner, endpoint))!.SecretProtected); // the page asks for a rotation

        await rig.IncidentAsync("Before the rotation");
        await rig.Get<WebhookDispatcher>().DeliverDueAsync(CancellationToken.None);
        Assert.True(receiver.Received.Last().Verified, receiver.Received.Last().VerifyError);

        var (rotated, secret) = await rig.Get<WebhookCommands>().RotateSecretAsync(WebhookRig.Owner, endpoint);
        Assert.True(rotated.Succeeded);
        var stored = await StoredSecretAsync(rig, endpoint);
        Assert.StartsWith(WebhookSecrets.Marker, stored);
        Assert.DoesNotContain(secret![WebhookSigning.SecretPrefix.Length..], stored);
        Assert.True((await rig.Get<WebhookQueries>().GetAsync(WebhookRig.Owner, endpoint))!.SecretProtected);
        receiver.Secret = secret;
        await rig.IncidentAsync("After the rotation");
        await rig.Get<WebhookDispatcher>().DeliverDueAsync(CancellationToken.None);
        Assert.Equal(2, receiver.Received.Count);
        Assert.True(receiver.Received.Last().Verified, receiver.Received.Last().VerifyError);
    }

    [Fact]
    public async Task A_secret_these_keys_cannot_unprotect_fails_its_delivery_with_the_reason_instead_of_stopping_the_worker()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var rig = await RigAsync();
        var (endpoint, _) = await rig.EndpointAsync(receiver.Url, "incident.created");
        await using (var db = rig.Database.CreateDbContext())
            await db.WebhookEndpoints.Where(e => e.Id == endpoint).ExecuteUpdateAsync(s => s.SetProperty(e => e.Secret, WebhookSecrets.Marker + "CfDJ8made-by-another-key-ring"));
        await rig.IncidentAsync("Signed with a lost key");

        Assert.Equal(1, await rig.Get<WebhookDispatcher>().DeliverDueAsync(CancellationToken.None));

        Assert.Empty(receiver.Received);
        var row = Assert.Single(rig.Deliveries());
        Assert.Equal((Dashboard.Data.Webhooks.DeliveryStatus.Pending, 1), (row.Status, row.Attempts));
        Assert.Contains("rotate the secret", row.LastError);
    }
}

public sealed class WebhookSecretTestsOnPostgreSql : WebhookSecretTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
