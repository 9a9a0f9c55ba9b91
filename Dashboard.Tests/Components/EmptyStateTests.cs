using Bunit;
using Dashboard.Data.Incidents;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Actions;
using Dashboard.Incidents;
using Dashboard.Timeline;

namespace Dashboard.Tests.Components;

/// <summary>Empty lists and charts say what is missing and how to add it, instead of an empty grid.</summary>
public sealed class EmptyStateTests : MudTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private async Task<int> DeclareAsync()
    {
        var result = await Services.GetRequiredService<IncidentCommands>().CreateAsync(TestServices.Owner,
            new IncidentInput { Title = "Nothing recorded yet", Organisation = "Edge", Summary = "Just declared.", Started = "2026-01-10 09:00" });
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        return result.Id!.Value;
    }

    [Fact]
    public async Task A_new_incident_timeline_asks_for_the_first_event_instead_of_drawing_an_empty_chart()
    {
        var id = await DeclareAsync();

        var cut = Render<TimelineView>(p => p.Add(x => x.IncidentId, id));

        cut.WaitForAssertion(() => Assert.Contains("No events yet — add one", cut.Find("[data-testid=timeline-empty]").TextContent), Wait);
        Assert.Empty(cut.FindAll("[data-testid=timeline-chart]"));
        Assert.NotNull(cut.Find("[data-testid=add-event]"));
    }

    [Fact]
    public async Task A_new_incident_actions_tab_asks_for_the_first_action()
    {
        var id = await DeclareAsync();

        var cut = Render<IncidentActionsPanel>(p => p.Add(x => x.IncidentId, id));

        cut.WaitForAssertion(() => Assert.Contains("No actions yet — add one", cut.Find("[data-testid=incident-actions-empty]").TextContent), Wait);
    }

    [Fact]
    public void A_filter_that_matches_nothing_says_so_rather_than_no_actions_yet()
    {
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("actions?q=no-such-action-anywhere");

        var cut = Render<ActionsPage>();

        cut.WaitForAssertion(() => Assert.Contains("No action matches these filters.", cut.Markup), Wait);
        Assert.Empty(cut.FindAll("[data-testid=actions-empty]"));
    }
}
