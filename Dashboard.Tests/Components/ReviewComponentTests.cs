using Dashboard.Data.Door;
using Bunit;
using Dashboard.Components.Pages.Incidents;
using Dashboard.Components.Pages.Review;
using Dashboard.Data.Review;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

public sealed class ReviewComponentTests : MudTestContext
{
    private Task<ReviewReport> ReportAsync(ReviewQuery? query = null) => Services.GetRequiredService<ReviewQueries>().GetAsync(Actor.System, query ?? new ReviewQuery());

    [Fact]
    public async Task The_kpi_cards_show_the_numbers_with_their_definitions()
    {
        var report = await ReportAsync();

        var cut = Render<ReviewKpis>(p => p.Add(x => x.Report, report));

        Assert.Equal("6", cut.Find("[data-testid=kpi-incidents]").TextContent);
        // 33 seeded actions: 23 open and 5 in progress count as open; 5 done, so 5 / 33 complete.
        Assert.Equal("28", cut.Find("[data-testid=kpi-actions-open]").TextContent);
        Assert.Equal("15%", cut.Find("[data-testid=kpi-completion]").TextContent);
        Assert.Contains("Overlapping windows of one service are merged", cut.Markup);
        Assert.Contains("Done ÷ (all − won't do)", cut.Markup);
    }

    [Fact]
    public async Task The_severity_table_shows_medians_and_missing_times()
    {
        var report = await ReportAsync();

        var cut = Render<SeverityStatsTable>(p => p.Add(x => x.Stats, report.BySeverity));

        var row = cut.Find("[data-testid=severity-stats] tbody tr").TextContent;
        Assert.Contains("SEV1", row);
        Assert.Contains("17 m", row);
        Assert.Contains("1 missing", row);
    }

    [Fact]
    public async Task The_incident_table_links_each_incident_to_its_executive_summary()
    {
        var report = await ReportAsync();

        var cut = Render<ReviewIncidentTable>(p => p.Add(x => x.Incidents, report.IncidentList));

        Assert.Equal(6, cut.FindAll("tbody tr").Count);
        Assert.Contains(cut.FindAll("a"), a => a.GetAttribute("href") == "incidents/2025-11-18-cloudflare-bot-management/summary");
        // Newest first: Cloudflare 5 Dec, four of its five follow-ups reported done.
        Assert.Contains("4 / 5", cut.Find("tbody tr").TextContent);
    }

    [Fact]
    public void The_root_cause_is_cut_to_three_lines_of_its_chain() =>
        Assert.Equal(["First step", "Second step", "Third step"],
            ExecutiveText.RootCauseLines("Intro.\n\n1. **First** step\n2. Second step\n3. `Third` step\n4. Fourth", 3));
}
