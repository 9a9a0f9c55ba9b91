using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>Contributing factors, key moments and the review's honest statistics, as a reader sees them on the seeded Cloudflare outage.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FactorsBrowserTests(BrowserFixture browser)
{
    private const string Cloudflare = "incidents/2025-11-18-cloudflare-bot-management";

    [Fact]
    public async Task The_Cloudflare_incident_shows_its_factors_key_moments_on_the_timeline_and_factors_in_the_postmortem()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync(Cloudflare);
        var factors = page.Locator("[data-testid=factor]");
        await Expect(factors).ToHaveCountAsync(6);
        await Expect(factors.First).ToContainTextAsync("change");
        await Expect(factors.First.Locator("[data-testid=factor-evidence]")).ToContainTextAsync("2025-11-18 11:05");
        await Expect(factors.First.Locator("[data-testid=factor-actions]")).ToContainTextAsync("Enhanced Rollouts & Versioning");
        await factors.First.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync("factors-incident-desktop");

        var phone = await browser.NewPageAsync(width: 390, height: 844);
        await phone.OpenAsync(Cloudflare);
        await Expect(phone.Locator("[data-testid=factor]")).ToHaveCountAsync(6);
        await phone.Locator("[data-testid=factors]").CloseUpAsync("factors-incident-narrow");
        Assert.False(await phone.ScrollsSidewaysAsync(), "the incident page scrolls sideways at 390 px");

        var timeline = await browser.NewPageAsync();
        await timeline.OpenAsync(Cloudflare + "?tab=timeline");
        await Expect(timeline.Locator(".main-svg").First).ToBeVisibleAsync();
        await Expect(timeline.Locator("[data-testid=event-row]", new() { HasTextString = "An automated test is the first" }).Locator("[data-testid=event-moment]")).ToHaveTextAsync("Detection");
        await Expect(timeline.Locator("[data-testid=event-moment]", new() { HasTextString = "Diagnosis" })).ToHaveCountAsync(2);
        await Expect(timeline.GetByTestId("timeline-legend")).ToContainTextAsync("Detection, diagnosis, repair, key moment");
        await timeline.ScreenshotAsync("key-moments-timeline");

        var postmortem = await browser.NewPageAsync();
        await postmortem.OpenAsync(Cloudflare + "/postmortem");
        var preview = postmortem.GetByTestId("postmortem-preview");
        await Expect(preview.Locator("h2", new() { HasTextString = "Contributing factors" })).ToHaveCountAsync(1);
        await Expect(preview).ToContainTextAsync("A permissions change on the ClickHouse cluster");
        await Expect(preview).ToContainTextAsync("Addressed by: Harden ingestion of Cloudflare-generated configuration files");
    }

    [Fact]
    public async Task The_review_draws_every_incident_and_says_a_change_between_periods_is_not_detectable()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("review?period=Custom&from=2025-11-01&to=2025-12-31");

        await Expect(page.Locator("[data-testid=chart-durations] .main-svg").First).ToBeVisibleAsync();
        // Other tests in the collection may add incidents to this period, so the counts are read, not fixed here
        // (the data and component tests pin them on an untouched database).
        await Expect(page.GetByTestId("difference-resolve")).ToContainTextAsync(
            new System.Text.RegularExpressions.Regex(@"with \d+ and \d+ incidents \(Mann-Whitney U test, two-sided, 5% level, (exact )?p = "));
        await Expect(page.GetByTestId("severity-stats")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"n = \d+"));
        // Every incident is a point: at least the two Cloudflare outages with all three phase times each.
        var points = page.Locator("[data-testid=chart-durations] .scatterlayer .trace:not(:last-child) path.point");
        await Expect(points.First).ToBeVisibleAsync();
        Assert.True(await points.CountAsync() >= 6);
        await page.GetByTestId("review-durations").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync("review-durations-desktop");

        var phone = await browser.NewPageAsync(width: 390, height: 844);
        await phone.OpenAsync("review");
        await Expect(phone.Locator("[data-testid=chart-durations] .main-svg").First).ToBeVisibleAsync();
        await phone.GetByTestId("review-durations").CloseUpAsync("review-durations-narrow");
        Assert.False(await phone.ScrollsSidewaysAsync(), "the review scrolls sideways at 390 px");
    }
}
