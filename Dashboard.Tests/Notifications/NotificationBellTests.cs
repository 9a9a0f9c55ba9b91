using Bunit;
using Dashboard.Data.Actions;
using Dashboard.Data.Incidents;
using Dashboard.Data.Notifications;
using Dashboard.Notifications;
using Dashboard.Tests.Infrastructure;
using Dashboard.Ui.Kit;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Notifications;

/// <summary>The app bar's bell: the signed-in person's unread count, moved by the change bus as writes commit.</summary>
public sealed class NotificationBellTests : MudTestContext
{
    private T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    [Fact]
    public async Task The_bell_counts_an_assignment_made_by_someone_else_as_it_commits_and_clears_when_read()
    {
        var bob = await TestServices.UserAsync(Services, "bob@example.com", "Bob Responder", Role.Responder);
        var carol = await TestServices.UserAsync(Services, "carol@example.com", "Carol Responder", Role.Responder);
        var cut = Render<NotificationBell>(p => p.AddCascadingValue(new CurrentUser(bob)));
        Assert.Equal("0", cut.Find("[data-testid=notification-count]").TextContent);
        Assert.Equal("Notifications", cut.Find("[data-testid=notification-bell]").GetAttribute("aria-label"));

        var incident = (await Get<IncidentCommands>().CreateAsync(TestServices.Owner, new IncidentInput
        {
            Title = "Checkout errors", Organisation = "Shop", Summary = "Payments failing.", Started = "2026-11-30 10:00",
        })).Id!.Value;
        Assert.True((await Get<ActionCommands>().CreateAsync(TestServices.Owner, incident, new ActionInput { Title = "Add a canary", OwnerUserId = bob.UserId })).Succeeded);

        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=notification-count]").TextContent));
        Assert.Equal("Notifications, 1 unread", cut.Find("[data-testid=notification-bell]").GetAttribute("aria-label"));

        // Carol's assignment is not Bob's.
        Assert.True((await Get<ActionCommands>().CreateAsync(TestServices.Owner, incident, new ActionInput { Title = "Alert on 5xx", OwnerUserId = carol.UserId })).Succeeded);
        Assert.True((await Get<NotificationCommands>().MarkReadAsync(bob, null)).Succeeded);

        cut.WaitForAssertion(() => Assert.Equal("0", cut.Find("[data-testid=notification-count]").TextContent));
        Assert.Equal(1, await Get<NotificationQueries>().UnreadCountAsync(carol));
    }

    [Fact]
    public void Signed_out_there_is_no_bell()
    {
        var cut = Render<NotificationBell>(p => p.AddCascadingValue(CurrentUser.Anonymous));
        Assert.Empty(cut.FindAll("[data-testid=notification-bell]"));
    }
}
