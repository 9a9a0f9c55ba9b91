using Bunit;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Incidents;

namespace Dashboard.Tests.Components;

public sealed class IncidentPageTests : MudTestContext
{
    private const string Cloudflare = "2025-11-18-cloudflare-bot-management";

    [Fact]
    public void The_header_shows_phase_times_with_dates_and_the_derived_durations()
    {
        var cut = Render<IncidentPage>(p => p.Add(x => x.Slug, Cloudflare));

        cut.WaitForAssertion(() => Assert.Contains("Bot Management", cut.Find("[data-testid=incident-title]").TextContent));
        Assert.Contains("2025-11-18 11:05", cut.Find("[data-testid=phase-triggered]").TextContent);
        Assert.Contains("2025-11-18 17:06", cut.Find("[data-testid=phase-resolved]").TextContent);
        Assert.Equal("11 m", cut.Find("[data-testid=metric-time-to-detect]").TextContent);
        Assert.Equal("3 h 10 m", cut.Find("[data-testid=metric-time-to-mitigate]").TextContent);
        Assert.Equal("5 h 46 m", cut.Find("[data-testid=metric-time-to-resolve]").TextContent);
    }

    [Fact]
    public void A_missing_phase_reads_not_recorded()
    {
        var cut = Render<IncidentPage>(p => p.Add(x => x.Slug, "2024-07-19-crowdstrike-channel-file-291"));

        cut.WaitForAssertion(() => Assert.Contains("not recorded", cut.Find("[data-testid=phase-detected]").TextContent));
        Assert.Equal("—", cut.Find("[data-testid=metric-time-to-detect]").TextContent);
    }

    [Fact]
    public void The_timeline_tab_lists_events_by_day_with_kinds()
    {
        var cut = Render<IncidentPage>(p => p.Add(x => x.Slug, Cloudflare));
        cut.WaitForAssertion(() => cut.Find("[data-testid=incident-title]"));

        cut.FindAll(".mud-tab").Single(t => t.TextContent.StartsWith("Timeline")).Click();

        cut.WaitForAssertion(() => Assert.Contains("Tuesday 18 November 2025", cut.Markup));
        var rows = cut.FindAll("[data-testid=event-row]");
        Assert.Equal(20, rows.Count);
        Assert.Contains("11:28", rows.Select(r => r.QuerySelector(".time-cell span")!.TextContent.Trim()));
        Assert.Contains("Detection", rows.Single(r => r.QuerySelector(".time-cell span")!.TextContent.Trim() == "11:31").TextContent);
    }

    [Fact]
    public void The_impact_tab_shows_both_dashboard_windows()
    {
        var cut = Render<IncidentPage>(p => p.Add(x => x.Slug, Cloudflare));
        cut.WaitForAssertion(() => cut.Find("[data-testid=incident-title]"));

        cut.FindAll(".mud-tab").Single(t => t.TextContent.StartsWith("Impact")).Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=impact-windows] tbody tr").Count(r => r.QuerySelector("td")!.TextContent.Trim() == "Cloudflare dashboard")));
    }

    [Fact]
    public void An_unknown_slug_shows_not_found()
    {
        // The page answers with the app's not-found page (a real 404), which the router renders.
        var notFound = 0;
        Services.GetRequiredService<NavigationManager>().OnNotFound += (_, _) => notFound++;

        var cut = Render<IncidentPage>(p => p.Add(x => x.Slug, "missing"));

        cut.WaitForAssertion(() => Assert.Equal(1, notFound));
        Assert.Empty(cut.FindAll("[data-testid=incident-title]"));
    }
}

public sealed class IncidentFormTests : MudTestContext
{
    [Fact]
    public void Saving_an_empty_form_shows_the_messages_next_to_the_fields()
    {
        var cut = Render<IncidentNew>();

        cut.Find("[data-testid=save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Title is required.", cut.Markup));
        Assert.Contains("Summary is required.", cut.Markup);
        Assert.Contains("Please fix", cut.Find("[data-testid=form-errors]").TextContent);
    }
}
