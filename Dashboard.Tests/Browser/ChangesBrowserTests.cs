using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ChangesBrowserTests(BrowserFixture browser)
{
    private const string Cloudflare = "incidents/2025-11-18-cloudflare-bot-management";

    [Theory]
    [InlineData(1400, 1000, "changes-cloudflare-desktop")]
    [InlineData(390, 844, "changes-cloudflare-phone")]
    public async Task The_Cloudflare_incident_ranks_the_1105_ClickHouse_change_first_and_names_it_as_the_trigger(int width, int height, string shot)
    {
        var page = await browser.NewPageAsync(width, height);
        await page.OpenAsync(Cloudflare);

        var first = page.Locator("[data-testid=change-row]").First;
        await Expect(first.Locator("[data-testid=change-title]")).ToContainTextAsync("ClickHouse access control", new() { Timeout = 15_000 });
        await Expect(first.Locator("[data-testid=change-reason]")).ToHaveTextAsync(
            "Touched cf-clickhouse, which cf-fl-proxy depends on, 3 hops; upstream of 7 impacted services; 15 min before the start");
        await Expect(first).ToContainTextAsync("2025-11-18 11:05");
        await Expect(page.Locator("[data-testid=header-trigger]")).ToContainTextAsync("ClickHouse access control");
        Assert.False(await page.ScrollsSidewaysAsync());
        await page.ScreenshotAsync(shot);
        await page.Locator("[data-testid=changes-panel]").CloseUpAsync(shot + "-panel");
    }

    [Fact]
    public async Task The_Cloudflare_timeline_shows_the_change_on_a_ClickHouse_lane_and_the_switch_hides_it()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync(Cloudflare);
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Timeline") }).ClickAsync();
        var lane = page.Locator("[data-testid=timeline-chart] .ytick text", new() { HasTextString = "ClickHouse" });

        await Expect(lane).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await page.Locator("[data-testid=timeline-chart]").CloseUpAsync("changes-cloudflare-timeline");
        await page.Locator("[data-testid=show-changes]").ClickAsync();
        await Expect(lane).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_shorter_look_back_leaves_the_1105_change_out_and_a_typed_window_brings_it_back()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync(Cloudflare);
        var panel = page.Locator("[data-testid=changes-panel]");
        await Expect(panel.Locator("[data-testid=change-row]").First).ToContainTextAsync("ClickHouse access control", new() { Timeout = 15_000 });

        // 1 h before the start (11:20) opens the window at 10:20: the 11:05 change stays; 11:10 typed by hand leaves it out.
        await panel.Locator("[data-testid=changes-lookback]", new() { HasTextString = "1 h" }).ClickAsync();
        await Expect(panel.Locator("[data-testid=changes-window]")).ToContainTextAsync("2025-11-18 10:20");
        await Expect(panel.Locator("[data-testid=change-row]").First).ToContainTextAsync("ClickHouse access control");
        await panel.GetByLabel("From (UTC)").FillAsync("2025-11-18 11:10");
        await panel.GetByLabel("From (UTC)").PressAsync("Tab");
        await panel.Locator("[data-testid=changes-apply]").ClickAsync();
        await Expect(panel.Locator("[data-testid=changes-window]")).ToContainTextAsync("2025-11-18 11:10");
        await Expect(panel.Locator("[data-testid=change-title]", new() { HasTextString = "ClickHouse access control" })).ToHaveCountAsync(0);

        await panel.Locator("[data-testid=changes-default-window]").ClickAsync();
        await Expect(panel.Locator("[data-testid=change-row]").First).ToContainTextAsync("ClickHouse access control");
    }
}
