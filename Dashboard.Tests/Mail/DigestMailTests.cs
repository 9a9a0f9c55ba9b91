using Dashboard.Data.Actions;
using Dashboard.Data.Incidents;
using Dashboard.Data.Notifications;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Mail;

/// <summary>
/// A digest through the outbox and the relay to a real SMTP server (<see cref="SmtpSink"/>): sent once
/// for its period even when the job runs again after a restart, with the one-click unsubscribe headers.
/// </summary>
public class DigestMailTests
{
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    [Fact]
    public async Task A_digest_reaches_a_real_SMTP_server_once_across_a_restart_with_its_one_click_unsubscribe()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var rig = await MailRig.CreateAsync(smtp.Port, Store); // Thursday 15 January 2026, 09:00 UTC
        var services = rig.Get<IServiceProvider>();
        var owner = await TestServices.UserAsync(services, "olivia@example.com", "Olivia Owner", Role.Owner);
        var bob = await TestServices.UserAsync(services, "bob@example.com", "Bob Responder", Role.Responder);
        var incident = await rig.Get<IncidentCommands>().CreateAsync(owner, new IncidentInput
        {
            Title = "Checkout errors", Organisation = "Shop", Summary = "Payments failing.", Started = "2026-01-05 10:00",
        });
        Assert.True((await rig.Get<ActionCommands>().CreateAsync(owner, incident.Id!.Value,
            new ActionInput { Title = "Add a canary stage", OwnerUserId = bob.UserId, DueDate = new DateOnly(2026, 1, 10) })).Succeeded);
        var view = await rig.Get<NotificationQueries>().SettingsAsync(bob);
        Assert.True((await rig.Get<NotificationCommands>().SaveSettingsAsync(bob, new NotificationSettingsInput(view.Kinds, null, null, null)
            { DigestFrequency = DigestFrequency.Daily, DigestHour = 9 })).Succeeded);

        Assert.Equal(1, await rig.Get<DigestJob>().RunAsync());
        await rig.RestartAsync(smtp.Port);
        Assert.Equal(0, await rig.Get<DigestJob>().RunAsync());
        await rig.SendDueAsync();

        // The assignment's own notification, and one digest.
        var messages = await smtp.WaitForAsync(2);
        var digest = Assert.Single(messages, m => m.Subject?.Contains("daily digest") == true);
        Assert.Equal("bob@example.com", digest.To.Mailboxes.Single().Address);
        Assert.Contains("Add a canary stage", digest.TextBody);
        Assert.Contains("kind=Digest", digest.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", digest.Headers["List-Unsubscribe-Post"]);
        Assert.Equal(0, await rig.SendDueAsync());
        Assert.Equal(2, smtp.Messages().Count);
    }
}

public sealed class DigestMailTestsOnPostgreSql : DigestMailTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
