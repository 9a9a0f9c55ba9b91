using System.Text.RegularExpressions;
using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ImpactBrowserTests(BrowserFixture browser)
{
    private const string Cloudflare = "incidents/2025-11-18-cloudflare-bot-management";

    private static async Task OpenImpactAsync(IPage page, string incident)
    {
        await page.OpenAsync(incident);
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Impact") }).ClickAsync();
        await Expect(page.Locator("[data-testid=dependency-graph] .main-svg").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
    }

    private static ILocator Graph(IPage page) => page.Locator("[data-testid=dependency-graph]");

    [Fact]
    public async Task The_Cloudflare_dependency_graph_draws_the_affected_services_and_their_upstream_causes()
    {
        var page = await browser.NewPageAsync();
        await OpenImpactAsync(page, Cloudflare);

        var labels = Graph(page).Locator(".textpoint");
        // Eight affected services and five upstream of them (ClickHouse, the feature-file generator,
        // Bot Management, and the WAF and global configuration system behind the FL proxy).
        await Expect(labels).ToHaveCountAsync(13);
        foreach (var name in new[] { "ClickHouse cluster", "FL2 core proxy", "Workers KV", "Cloudflare Access", "Turnstile", "Email Security" })
            await Expect(labels.Filter(new() { HasTextString = name })).ToHaveCountAsync(1);
        // Long names are wrapped onto lines (tspans), so match across the break.
        await Expect(labels.Filter(new() { HasTextRegex = new Regex(@"Bot Management\s*module") })).ToHaveCountAsync(1);
        await Expect(labels.Filter(new() { HasTextRegex = new Regex(@"Cloudflare\s*dashboard") })).ToHaveCountAsync(1);
        await Expect(labels.Filter(new() { HasTextString = "ClickHouse cluster" })).ToContainTextAsync("root cause");
        await Expect(page.Locator("[data-testid=root-cause]")).ToContainTextAsync("ClickHouse cluster");
        await Expect(Graph(page).Locator(".legendtext", new() { HasTextString = "not affected (upstream)" })).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=impact-gantt] .barlayer .point")).ToHaveCountAsync(10);
        await Expect(page.Locator("[data-testid=impaired-count] .main-svg").First).ToBeVisibleAsync();
        await page.ScreenshotAsync("impact-cloudflare-desktop");
        await Graph(page).CloseUpAsync("impact-cloudflare-graph");
        await page.Locator("[data-testid=impact-gantt]").CloseUpAsync("impact-cloudflare-gantt");
    }

    [Fact]
    public async Task Choosing_Bot_Management_highlights_its_seven_dependents()
    {
        var page = await browser.NewPageAsync();
        await OpenImpactAsync(page, Cloudflare);

        await page.Locator("input[data-testid=blast-radius-select]").FillAsync("Bot Management mod");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Bot Management module" }).ClickAsync();

        var summary = page.Locator("[data-testid=blast-radius]");
        await Expect(summary).ToContainTextAsync("Bot Management module: 7 services depend on it");
        foreach (var name in new[] { "FL2 core proxy", "Workers KV", "Cloudflare dashboard", "Turnstile" })
            await Expect(summary).ToContainTextAsync(name);
        await Expect(Graph(page).Locator(".legendtext", new() { HasTextString = "blast radius (7)" })).ToHaveCountAsync(1);
        // The ring trace outlines the chosen service and its seven dependents.
        await Expect(Graph(page).Locator(".scatterlayer .trace").Last.Locator(".point")).ToHaveCountAsync(8);
        await page.ScreenshotAsync("impact-blast-radius");
    }

    [Fact]
    public async Task Any_catalog_service_can_be_chosen_and_its_dependents_off_the_graph_are_named()
    {
        var page = await browser.NewPageAsync();
        await OpenImpactAsync(page, Cloudflare);

        await page.Locator("input[data-testid=blast-radius-select]").FillAsync("DynamoDB (us");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Amazon DynamoDB (us-east-1)" }).ClickAsync();

        var summary = page.Locator("[data-testid=blast-radius]");
        await Expect(summary).ToContainTextAsync("Amazon DynamoDB (us-east-1):");
        await Expect(summary).ToContainTextAsync("Amazon EC2 (us-east-1)");
        await Expect(summary).ToContainTextAsync("are not drawn: they are outside this incident's graph");
    }

    [Fact]
    public async Task At_13_30_UTC_the_replay_shows_the_core_proxy_still_failing_and_Workers_KV_recovered()
    {
        var page = await browser.NewPageAsync();
        await OpenImpactAsync(page, Cloudflare);

        // 13:30 is 130 minutes after the first impact at 11:20.
        await page.Locator("[data-testid=replay] input[type=range]").EvaluateAsync(
            "(el, v) => { el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true })); }", 130);

        var time = page.Locator("[data-testid=replay-time]");
        await Expect(time).ToContainTextAsync("2025-11-18 13:30 UTC");
        await Expect(time).ToContainTextAsync("2025-11-18 14:30 Europe/Berlin");
        var state = page.Locator("[data-testid=replay-state]");
        await Expect(state.Locator("[data-testid=impaired-service]", new() { HasTextString = "FL2 core proxy: Major outage" })).ToHaveCountAsync(1);
        await Expect(state.Locator("[data-testid=impaired-service]", new() { HasTextString = "Core CDN and security traffic: Major outage" })).ToHaveCountAsync(1);
        await Expect(state).Not.ToContainTextAsync("Workers KV");
        await Expect(Graph(page).Locator(".legendtext", new() { HasTextString = "not impaired at this moment" })).ToHaveCountAsync(1);
        await page.ScreenshotAsync("impact-replay-1330");
        await page.Locator(".mud-tabs-panels").CloseUpAsync("impact-replay-1330-panel");

        await page.Locator("[data-testid=replay-play]").ClickAsync();
        await Expect(time).Not.ToContainTextAsync("13:30", new() { Timeout = 5_000 });
        await page.Locator("[data-testid=replay-play]").ClickAsync();
    }

    [Fact]
    public async Task An_impact_window_is_added_with_validation_and_shows_in_the_table()
    {
        var page = await browser.NewPageAsync();
        await OpenImpactAsync(page, "incidents/2025-10-29-azure-front-door");

        await page.Locator("[data-testid=add-impact]").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        // The dialog puts the cursor in the service picker itself: typed before that, the keys after
        // the dialog's own focus would land elsewhere. Then typed key by key, as a person would: the
        // picker searches on each keystroke.
        var service = dialog.Locator("input[data-testid=impact-service]");
        await Expect(service).ToBeFocusedAsync();
        await service.PressSequentiallyAsync("Azure SQL");
        var pick = page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Azure SQL Database" });
        await pick.WaitForAsync();
        await page.ScreenshotAsync("impact-window-dialog");
        await pick.ClickAsync();
        // The pick is done (list closed, name in the field) before the next field is typed into: the
        // picker's own re-render could otherwise land after the start was typed and empty it.
        await Expect(service).ToHaveValueAsync("Azure SQL Database");
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await dialog.Locator("input[data-testid=impact-start]").FillAsync("2025-10-29 18:00");
        await dialog.Locator("input[data-testid=impact-end]").FillAsync("17:00");
        await dialog.Locator("[data-testid=impact-save]").ClickAsync();
        await Expect(dialog).ToContainTextAsync("is not after the start");

        await dialog.Locator("input[data-testid=impact-end]").FillAsync("2025-10-29 19:15");
        await dialog.Locator("textarea[data-testid=impact-description]").FillAsync("Browser test: SQL portal blades failed to load");
        await dialog.Locator("[data-testid=impact-save]").ClickAsync();

        await Expect(page.Locator("[data-testid=impact-windows] tr", new() { HasTextString = "Browser test: SQL portal blades" })).ToContainTextAsync("2025-10-29 18:00");
    }

    [Fact]
    public async Task The_impact_tab_fits_a_phone_screen()
    {
        var page = await browser.NewPageAsync(width: 390, height: 844);
        await OpenImpactAsync(page, Cloudflare);

        Assert.False(await page.ScrollsSidewaysAsync());
        await page.ScreenshotAsync("impact-cloudflare-phone");
        await Graph(page).CloseUpAsync("impact-cloudflare-graph-phone");
        await page.Locator("[data-testid=replay]").CloseUpAsync("impact-replay-phone");
        await page.Locator("[data-testid=impact-windows]").CloseUpAsync("impact-windows-phone");
    }
}
