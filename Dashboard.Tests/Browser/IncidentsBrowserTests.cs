using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class IncidentsBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_incidents_list_loads_and_search_narrows_it()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("incidents");
        var rows = page.Locator("table tbody tr");
        await Expect(rows.Filter(new() { HasText = "Bot Management" })).ToHaveCountAsync(1);
        await page.ScreenshotAsync("incidents-desktop");

        await page.Locator("input[data-testid=search]").FillAsync("crowdstrike");

        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Channel File 291");
    }

    [Fact]
    public async Task At_1366_px_titles_wrap_at_most_twice()
    {
        var page = await browser.NewPageAsync(1366, 900);
        await page.OpenAsync("incidents");
        var titles = page.Locator("[data-testid=list-title]");
        await Expect(titles.First).ToBeVisibleAsync();
        await page.ScreenshotAsync("incidents-1366");
        var lines = await titles.EvaluateAllAsync<double[]>("ls => ls.map(l => Math.round(l.getBoundingClientRect().height / parseFloat(getComputedStyle(l).lineHeight)))");
        Assert.NotEmpty(lines);
        Assert.All(lines, n => Assert.InRange(n, 1, 3));
        // and every column fits: the table does not scroll sideways
        Assert.True(await page.Locator(".mud-table-container").EvaluateAsync<bool>("c => c.scrollWidth <= c.clientWidth"));
    }

    [Fact]
    public async Task The_severity_filter_is_applied_by_the_server()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("incidents");
        await Expect(page.Locator("table tbody tr").Filter(new() { HasText = "SEV1" }).First).ToBeVisibleAsync();

        await page.Locator(".mud-select:has([data-testid=severity-filter]), [data-testid=severity-filter]").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "SEV3" }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");

        await Expect(page.GetByText("No incident matches these filters.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_Cloudflare_incident_reads_with_its_phase_times_and_timeline()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("incidents");
        await page.GetByRole(AriaRole.Link, new() { Name = "Global 5xx errors from an oversized Bot Management feature file" }).ClickAsync();

        await Expect(page.Locator("[data-testid=incident-title]")).ToContainTextAsync("Bot Management");
        await Expect(page.Locator("[data-testid=phase-resolved]")).ToContainTextAsync("2025-11-18 17:06 UTC");
        await Expect(page.Locator("[data-testid=metric-time-to-resolve]")).ToHaveTextAsync("5 h 46 m");
        await page.ScreenshotAsync("incident-cloudflare-overview");

        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Timeline") }).ClickAsync();

        await Expect(TimeCell(page, "11:28")).ToBeVisibleAsync();
        await Expect(TimeCell(page, "17:06")).ToBeVisibleAsync();
        await page.ScreenshotAsync("incident-cloudflare-timeline");
    }

    [Fact]
    public async Task Pages_fit_a_narrow_phone_screen()
    {
        var page = await browser.NewPageAsync(width: 390, height: 844);
        await page.OpenAsync("incidents/2025-11-18-cloudflare-bot-management");
        await Expect(page.Locator("[data-testid=phase-triggered]")).ToContainTextAsync("2025-11-18 11:05");
        await page.ScreenshotAsync("incident-cloudflare-narrow");

        var overflow = await page.ScrollsSidewaysAsync();

        Assert.False(overflow, "the incident page scrolls sideways at 390 px");
        await page.OpenAsync("incidents");
        await Expect(page.GetByText("Bot Management")).ToBeVisibleAsync();
        await page.ScreenshotAsync("incidents-narrow");
    }

    [Fact]
    public async Task A_declared_incident_appears_in_the_list_and_can_be_deleted()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("incidents/new");

        await page.Locator("input[data-testid=title]").FillAsync("Browser test: login errors");
        await page.Locator("input[data-testid=organisation]").FillAsync("Identity");
        await page.Locator("input[data-testid=phase-started]").FillAsync("2026-01-05 08:00");
        await page.Locator("input[data-testid=phase-detected]").FillAsync("2026-01-05 08:12");
        await page.Locator("textarea[data-testid=summary]").FillAsync("Users could not log in.");
        await page.ScreenshotAsync("incident-new-form");
        await page.Locator("[data-testid=save]").ClickAsync();

        await Expect(page.Locator("[data-testid=incident-title]")).ToHaveTextAsync("Browser test: login errors");
        await Expect(page.Locator("[data-testid=metric-time-to-detect]")).ToHaveTextAsync("12 m");
        await page.OpenAsync("incidents");
        await Expect(page.Locator("table tbody tr", new() { HasTextString = "Browser test: login errors" })).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Link, new() { Name = "Browser test: login errors" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/incidents$"));
        await Expect(page.Locator("table tbody tr", new() { HasTextString = "Bot Management" })).ToHaveCountAsync(1);
        await Expect(page.Locator("table tbody tr", new() { HasTextString = "Browser test: login errors" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_form_refuses_phase_times_out_of_order()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("incidents/new");

        await page.Locator("input[data-testid=title]").FillAsync("Out of order");
        await page.Locator("input[data-testid=organisation]").FillAsync("Ops");
        await page.Locator("input[data-testid=phase-started]").FillAsync("2026-01-05 08:00");
        await page.Locator("input[data-testid=phase-detected]").FillAsync("2026-01-05 07:00");
        await page.Locator("textarea[data-testid=summary]").FillAsync("x");
        await page.Locator("[data-testid=save]").ClickAsync();

        await Expect(page.Locator("[data-testid=form-errors]")).ToContainTextAsync("Detected (2026-01-05 07:00) is before started (2026-01-05 08:00)");
        await page.ScreenshotAsync("incident-new-errors");
    }

    [Fact]
    public async Task The_status_page_shows_the_seed_files_and_database_health()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("status");

        await Expect(page.GetByText("database answered")).ToBeVisibleAsync();
        await Expect(page.Locator("tr", new() { HasTextString = "2025-11-18-cloudflare.json" })).ToContainTextAsync("imported");
        await page.ScreenshotAsync("status");
    }

    private static ILocator TimeCell(IPage page, string time) =>
        page.Locator(".time-cell", new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^\\s*{time}\\s*$") });
}
