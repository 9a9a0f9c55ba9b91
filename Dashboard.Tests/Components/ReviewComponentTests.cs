using Bunit;
using Dashboard.Data.Review;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Incidents;
using Dashboard.Review;
using Dashboard.Api;

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
        // 33 seeded actions: 12 open and 14 in progress count as open; 7 done, so 7 / 33 complete.
        Assert.Equal("26", cut.Find("[data-testid=kpi-actions-open]").TextContent);
        Assert.Equal("21%", cut.Find("[data-testid=kpi-completion]").TextContent);
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
        // Detect median of Cloudflare 5 Dec (3), 18 Nov (11) and Azure (23); AWS and CrowdStrike published no detection time.
        Assert.Contains("11 m", row);
        Assert.Contains("2 missing", row);
    }

    [Fact]
    public async Task The_incident_table_links_each_incident_to_its_executive_summary()
    {
        var report = await ReportAsync();

        var cut = Render<ReviewIncidentTable>(p => p.Add(x => x.Incidents, report.IncidentList));

        Assert.Equal(6, cut.FindAll("tbody tr").Count);
        Assert.Contains(cut.FindAll("a"), a => a.GetAttribute("href") == "incidents/2025-11-18-cloudflare-bot-management/summary");
        // Newest first: Cloudflare 5 Dec, one of its two own promises reported done (the breakdown; the change freeze is
        // still under way). The three prevention projects it names are 18 November's follow-ups.
        Assert.Contains("1 / 2", cut.Find("tbody tr").TextContent);
    }

    [Fact]
    public void The_root_cause_is_cut_to_three_lines_of_its_chain() =>
        Assert.Equal(["First step", "Second step", "Third step"],
            ExecutiveText.RootCauseLines("Intro.\n\n1. **First** step\n2. Second step\n3. `Third` step\n4. Fourth", 3));
}
