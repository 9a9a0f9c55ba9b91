using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ServicesBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_services_page_searches_adds_a_service_and_refuses_a_cycle_by_name()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("services");
        await Expect(page.Locator("[data-testid=service-link]", new() { HasTextString = "FL2 core proxy" })).ToHaveCountAsync(1);
        await page.ScreenshotAsync("services-desktop");

        await page.Locator("input[data-testid=service-search]").FillAsync("workers");
        await Expect(page.Locator("[data-testid=service-table] tbody tr")).ToHaveCountAsync(1);

        // Two services of our own, so the seeded catalog stays as it is for the other tests.
        foreach (var name in new[] { "Browser Test Gateway", "Browser Test Store" })
        {
            await page.Locator("[data-testid=add-service]").ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.Locator("input[data-testid=service-name]").FillAsync(name);
            await dialog.Locator("input[data-testid=service-group]").FillAsync("Browser tests");
            await dialog.Locator("[data-testid=service-save]").ClickAsync();
            await Expect(dialog).ToHaveCountAsync(0);
        }

        await page.OpenAsync("services/browser-test-gateway");
        await AddDependencyAsync(page, "Browser Test Store");
        await Expect(page.Locator("[data-testid=depends-on]")).ToContainTextAsync("Browser Test Store");

        await page.OpenAsync("services/browser-test-store");
        await Expect(page.Locator("[data-testid=dependents]")).ToContainTextAsync("Browser Test Gateway");
        await AddDependencyAsync(page, "Browser Test Gateway");
        await Expect(page.Locator("[data-testid=depends-on]")).ToContainTextAsync("it would create a cycle: Browser Test Store → Browser Test Gateway → Browser Test Store");
    }

    [Fact]
    public async Task A_service_page_shows_its_incidents_minutes_and_both_directions_of_dependencies()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("services/cf-bot-management");
        await Expect(page.Locator("[data-testid=service-title]")).ToHaveTextAsync("Bot Management module");
        await Expect(page.Locator("[data-testid=blast-radius-count]")).ToContainTextAsync("Blast radius: 7 services");

        await page.OpenAsync("services/cf-dashboard");
        await Expect(page.Locator("[data-testid=service-incidents]")).ToContainTextAsync("Global 5xx errors");
        await Expect(page.Locator("[data-testid=impact-minutes]")).ToContainTextAsync("150 min");
        await Expect(page.Locator("[data-testid=depends-on]")).ToContainTextAsync("Workers KV");
        await page.ScreenshotAsync("service-dashboard-desktop");

        var phone = await browser.NewPageAsync(width: 390, height: 844);
        await phone.OpenAsync("services/cf-dashboard");
        await Expect(phone.Locator("[data-testid=service-incidents]")).ToBeVisibleAsync();
        Assert.False(await phone.ScrollsSidewaysAsync());
        await phone.ScreenshotAsync("service-dashboard-phone");
        await phone.OpenAsync("services");
        Assert.False(await phone.ScrollsSidewaysAsync());
        await phone.ScreenshotAsync("services-phone");
    }

    private static async Task AddDependencyAsync(IPage page, string name)
    {
        await page.Locator("input[data-testid=dependency-picker]").FillAsync(name);
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = name }).ClickAsync();
        await page.Locator("[data-testid=dependency-add]").ClickAsync();
    }
}
