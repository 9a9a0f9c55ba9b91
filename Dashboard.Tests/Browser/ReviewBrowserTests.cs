using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Dashboard.Api;
using Dashboard.Data.Review;

namespace Dashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ReviewBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task All_time_shows_the_SEV1_incidents_with_their_medians_and_the_trends()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("review");

        await Expect(page.Locator("[data-testid=review-period]")).ToHaveTextAsync("all time");
        var sev1 = page.Locator("[data-testid=severity-stats] tbody tr", new() { HasTextString = "SEV1" });
        await Expect(sev1).ToContainTextAsync("5");
        // Median time to detect 11 m; AWS (07:38 is when it identified the cause) and CrowdStrike published no detection time.
        await Expect(sev1).ToContainTextAsync("11 m");
        await Expect(sev1).ToContainTextAsync("2 missing");
        await Expect(page.Locator("[data-testid=chart-incidents] .main-svg").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.Locator("[data-testid=chart-incidents] .barlayer .point").First).ToBeVisibleAsync();
        await page.ScreenshotAsync("review-all-time");
    }

    [Fact]
    public async Task Changing_the_period_changes_the_numbers()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("review?period=Custom&from=2025-10-01&to=2025-10-31");
        // October 2025: Azure Front Door on 9 and 29 Oct, AWS us-east-1 on 20 Oct.
        await Expect(page.Locator("[data-testid=kpi-incidents]")).ToHaveTextAsync("3");
        await Expect(page.Locator("[data-testid=review-period]")).ToHaveTextAsync("1 Oct 2025 – 31 Oct 2025 (UTC)");

        await page.Locator("[data-testid=period]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "All time" }).ClickAsync();

        await Expect(page.Locator("[data-testid=kpi-incidents]")).Not.ToHaveTextAsync("3");
        await Expect(page.Locator("[data-testid=review-period]")).ToHaveTextAsync("all time");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("period=AllTime"));
    }

    [Fact]
    public async Task The_review_pack_exports_as_standalone_html()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("review?period=Custom&from=2025-10-01&to=2025-10-31");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=export-html]").ClickAsync());
        var html = await File.ReadAllTextAsync(await download.PathAsync());

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("1 Oct 2025 – 31 Oct 2025 (UTC)", html);
        Assert.Contains("Global Azure Front Door outage", html);
        Assert.DoesNotContain("Bot Management", html);
        Assert.Contains("@media print", html);
    }

    [Fact]
    public async Task The_Cloudflare_executive_summary_fits_one_screen_with_its_follow_ups()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("review");
        await page.GetByTestId("review-incidents").GetByRole(AriaRole.Link, new() { Name = "Global 5xx errors from an oversized Bot Management feature file" }).ClickAsync();

        await Expect(page.Locator("[data-testid=incident-title]")).ToContainTextAsync("Bot Management");
        var actions = page.Locator("[data-testid=summary-actions]");
        foreach (var title in new[] { "Harden ingestion of Cloudflare-generated configuration files", "Add more global kill switches for features",
                     "Stop error reporting from overwhelming system resources", "Review failure modes across all core-proxy modules",
                     "Review the global configuration system" })
            await Expect(actions).ToContainTextAsync(title);
        await Expect(page.Locator("[data-testid=summary-factors] li")).ToHaveCountAsync(6); // contributing factors, not a root cause in three lines
        await Expect(page.Locator("[data-testid=phase-resolved]")).ToContainTextAsync("2025-11-18 17:06");
        await page.ScreenshotAsync("executive-summary-cloudflare");
    }

    /// <summary>All incidents as the review counts them now: other tests in the collection add their own.</summary>
    private async Task<int> IncidentCountAsync() =>
        (await browser.Services.GetRequiredService<Dashboard.Data.Review.ReviewQueries>().GetAsync(Dashboard.Data.Kernel.Actor.System, new Dashboard.Data.Review.ReviewQuery())).Incidents;

    [Fact]
    public async Task The_review_fits_a_phone()
    {
        var page = await browser.NewPageAsync(width: 390, height: 844);
        await page.OpenAsync("review");
        await Expect(page.Locator("[data-testid=kpi-incidents]")).ToHaveTextAsync((await IncidentCountAsync()).ToString());
        await Expect(page.Locator("[data-testid=chart-actions] .main-svg").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.ScreenshotAsync("review-narrow");

        Assert.False(await page.ScrollsSidewaysAsync(), "the review scrolls sideways at 390 px");
    }
}
