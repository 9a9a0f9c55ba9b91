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
    public async Task Each_median_shows_its_sample_size_and_interval()
    {
        var report = await ReportAsync();

        var cut = Render<SeverityStatsTable>(p => p.Add(x => x.Stats, report.BySeverity));

        var details = cut.FindAll("[data-testid=stat-detail]").Select(d => d.TextContent).ToList();
        Assert.Equal(6, details.Count); // three phases of SEV1 and of SEV2
        Assert.StartsWith("n = 3 · 95% CI ", details[0]); // SEV1 detect: three incidents published a detection time
        Assert.EndsWith("2 missing", details[0]);
        Assert.Equal("n = 0 · 1 missing", details[3]); // SEV2 detect: no interval without values
    }

    [Fact]
    public async Task Two_periods_are_compared_with_the_method_and_the_sample_sizes_named()
    {
        var from = new DateTime(2025, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var report = await ReportAsync(new ReviewQuery(From: from, To: from.AddDays(61)));

        var cut = Render<DurationsSection>(p => p.Add(x => x.Report, report));

        Assert.Contains("not detectable with 2 and 3 incidents (Mann-Whitney U test, two-sided, 5% level, exact p = 0.200)",
            cut.Find("[data-testid=difference-resolve]").TextContent);
        Assert.Contains("too few incidents to compare", cut.Find("[data-testid=difference-detect]").TextContent);
        Assert.Contains("2025-09-01 to 2025-10-31 · 3 incidents", cut.Markup);
        Assert.Contains("percentile bootstrap, 2,000 resamples, fixed seed", cut.Markup);
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
