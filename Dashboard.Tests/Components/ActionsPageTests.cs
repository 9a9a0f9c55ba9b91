using Bunit;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Actions;

namespace Dashboard.Tests.Components;

public sealed class ActionsPageTests : MudTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public void The_grid_pages_through_every_seeded_action_with_its_incident()
    {
        var cut = Render<ActionsPage>();

        cut.WaitForAssertion(() => Assert.Equal(25, cut.FindAll("[data-testid=actions-grid] tbody tr").Count), Wait);
        Assert.Contains("1-25 of 33", cut.Markup);
        Assert.Contains(cut.FindAll("a"), a => a.GetAttribute("href") == "incidents/2025-11-18-cloudflare-bot-management");
    }

    [Fact]
    public void The_summary_counts_open_and_done_actions()
    {
        var cut = Render<ActionsPage>();

        cut.WaitForAssertion(() => Assert.Equal("12", cut.Find("[data-testid=count-open]").TextContent), Wait);
        Assert.Equal("14", cut.Find("[data-testid=count-in-progress]").TextContent);
        Assert.Equal("0", cut.Find("[data-testid=count-overdue]").TextContent);
        Assert.Equal("0", cut.Find("[data-testid=count-wont-do]").TextContent);
    }

    [Fact]
    public void The_export_link_carries_the_current_filters()
    {
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("actions?status=Open&owner=kim");

        var cut = Render<ActionsPage>();

        Assert.Equal("actions/export.csv?status=Open&owner=kim", cut.Find("[data-testid=export-csv]").GetAttribute("href"));
    }

    [Fact]
    public void The_rarer_filters_open_with_their_button_and_by_themselves_when_the_address_sets_one()
    {
        var plain = Render<ActionsPage>();
        Assert.Empty(plain.FindAll("[data-testid=more-filter-inputs]"));
        plain.Find("[data-testid=more-filters]").Click();
        Assert.Contains("Owner", plain.Find("[data-testid=more-filter-inputs]").TextContent);

        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("actions?owner=kim&priority=P0");
        var filtered = Render<ActionsPage>();
        Assert.NotNull(filtered.Find("[data-testid=more-filter-inputs]"));
        Assert.Contains("Fewer filters", filtered.Find("[data-testid=more-filters]").TextContent);
        filtered.Find("[data-testid=more-filters]").Click();
        Assert.Contains("More filters (2 set)", filtered.Find("[data-testid=more-filters]").TextContent);
    }

    [Fact]
    public void The_board_has_a_column_per_status_with_the_cards_in_it()
    {
        var cut = Render<ActionsPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=actions-grid] tbody tr"), Wait);

        cut.FindAll("[data-testid=view-toggle] .mud-toggle-item").Single(b => b.TextContent.Contains("Board")).Click();

        cut.WaitForAssertion(() => Assert.Equal(12, cut.FindAll("[data-testid=board-Open] [data-testid=board-card]").Count), Wait);
        Assert.Equal(14, cut.FindAll("[data-testid=board-InProgress] [data-testid=board-card]").Count);
        Assert.Equal(7, cut.FindAll("[data-testid=board-Done] [data-testid=board-card]").Count);
        Assert.Empty(cut.FindAll("[data-testid=board-WontDo] [data-testid=board-card]"));
    }
}
