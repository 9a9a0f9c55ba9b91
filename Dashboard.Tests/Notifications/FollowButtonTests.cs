using Bunit;
using Dashboard.Data.Incidents;
using Dashboard.Data.Notifications;
using Dashboard.Notifications;
using Dashboard.Tests.Infrastructure;
using Dashboard.Ui.Kit;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Notifications;

/// <summary>The incident header's Follow button: the follow that "an incident you follow changed state" is told to.</summary>
public sealed class FollowButtonTests : MudTestContext
{
    private T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    [Fact]
    public async Task Following_an_incident_is_stored_and_shown_on_the_next_visit()
    {
        var bob = await TestServices.UserAsync(Services, "bob@example.com", "Bob Reader", Role.Viewer);
        var incident = (await Get<IncidentCommands>().CreateAsync(TestServices.Owner, new IncidentInput
        {
            Title = "Checkout errors", Organisation = "Shop", Summary = "Payments failing.", Started = "2026-11-30 10:00",
        })).Id!.Value;
        var cut = Render<FollowButton>(p => p.Add(x => x.IncidentId, incident).AddCascadingValue(new CurrentUser(bob)));
        cut.WaitForAssertion(() => Assert.Equal("Follow", cut.Find("[data-testid=follow-incident]").TextContent.Trim()));

        cut.Find("[data-testid=follow-incident]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Following", cut.Find("[data-testid=follow-incident]").TextContent.Trim()));
        Assert.Equal("true", cut.Find("[data-testid=follow-incident]").GetAttribute("aria-pressed"));
        Assert.True(await Get<NotificationQueries>().IsFollowingAsync(bob, incident));
        var again = Render<FollowButton>(p => p.Add(x => x.IncidentId, incident).AddCascadingValue(new CurrentUser(bob)));
        again.WaitForAssertion(() => Assert.Equal("Following", again.Find("[data-testid=follow-incident]").TextContent.Trim()));
    }

    [Fact]
    public async Task Signed_out_there_is_nothing_to_follow_with()
    {
        var incident = (await Get<IncidentCommands>().CreateAsync(TestServices.Owner, new IncidentInput
        {
            Title = "Checkout errors", Organisation = "Shop", Summary = "Payments failing.", Started = "2026-11-30 10:00",
        })).Id!.Value;
        var cut = Render<FollowButton>(p => p.Add(x => x.IncidentId, incident).AddCascadingValue(CurrentUser.Anonymous));
        Assert.Empty(cut.FindAll("[data-testid=follow-incident]"));
    }
}
