using System.Text.RegularExpressions;
using Dashboard.Data.Incidents;
using Dashboard.Data.Themes;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>Themes in a real browser: an admin makes one, an incident carries it, and the theme page and the review show it, on a desktop and a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class IncidentThemesBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_makes_a_theme_and_the_theme_page_the_incident_and_the_review_show_it()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("themes");
        await page.Locator("[data-testid=add-theme]").ClickAsync();
        await page.Locator("input[data-testid=theme-name-input]").FillAsync("Global config pushes");
        await page.Locator("textarea[data-testid=theme-description-input]").FillAsync("Configuration that reaches every machine within minutes.");
        await page.Locator("[data-testid=theme-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=theme-link]", new() { HasText = "Global config pushes" })).ToBeVisibleAsync();

        var themeId = (await browser.Services.GetRequiredService<ThemeQueries>().ListAsync(Actor.System)).Single(t => t.Name == "Global config pushes").Id;
        var incidentId = (await browser.Services.GetRequiredService<IncidentQueries>().GetAsync(Actor.System, "2025-11-18-cloudflare-bot-management"))!.Id;
        Assert.True((await browser.Services.GetRequiredService<ThemeCommands>().SetForIncidentAsync(Actor.System, incidentId, [themeId])).Succeeded);

        foreach (var (width, height, suffix) in new[] { (1400, 1000, ""), (390, 844, "-phone") })
        {
            var view = await browser.NewPageAsync(width, height);
            await view.OpenAsync("themes");
            await Expect(view.Locator("[data-testid=theme]", new() { HasText = "Global config pushes" })).ToContainTextAsync("1 incident");
            Assert.False(await view.ScrollsSidewaysAsync(), $"/themes scrolls sideways at {width} px");
            await view.ScreenshotAsync("themes" + suffix);

            await view.OpenAsync($"themes/{themeId}");
            await Expect(view.Locator("[data-testid=theme-incident]")).ToContainTextAsync("Bot Management");
            Assert.False(await view.ScrollsSidewaysAsync(), $"the theme page scrolls sideways at {width} px");
            await view.ScreenshotAsync("theme" + suffix);

            await view.OpenAsync("incidents/2025-11-18-cloudflare-bot-management");
            await Expect(view.Locator("[data-testid=incident-theme]")).ToHaveTextAsync("Global config pushes");
            await view.Locator("[data-testid=incident-themes]").CloseUpAsync("incident-themes" + suffix);

            await view.OpenAsync("review");
            await Expect(view.Locator("[data-testid=review-theme]", new() { HasText = "Global config pushes" })).ToBeVisibleAsync();
            Assert.False(await view.ScrollsSidewaysAsync(), $"the review scrolls sideways at {width} px");
            await view.Locator("[data-testid=review-themes]").CloseUpAsync("review-themes" + suffix);
        }
        await page.OpenAsync($"themes/{themeId}");
        await page.Locator("[data-testid=theme-incident] a").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/incidents/2025-11-18-cloudflare-bot-management$"));
    }
}
