using System.Text.RegularExpressions;
using Dashboard.Data.Search;
using Dashboard.Data.Timeline;
using Dashboard.Tests.Infrastructure;
using Dashboard.Tests.StatusPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>Full-text search in a real browser: from the search page and from Ctrl+K, on the seeded Cloudflare incident's postmortem.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SearchBrowserTests(BrowserFixture browser)
{
    private const string CloudflareTitle = "Global 5xx errors from an oversized Bot Management feature file";

    [Theory]
    [InlineData(1400, 1000, "search")]
    [InlineData(390, 844, "search-phone")]
    public async Task The_search_page_finds_the_Cloudflare_incident_by_a_word_of_its_postmortem(int width, int height, string screenshot)
    {
        var page = await browser.NewPageAsync(width, height);
        await page.OpenAsync("search");
        // Typing into the prerendered field before the circuit is live leaves the component's value empty.
        await page.Locator("html[data-shortcuts=on]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await page.Locator("input[data-testid=search-input]").FillAsync("coincidental");
        await page.Locator("[data-testid=search-submit]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/search\\?q=coincidental$"));
        var result = page.Locator("[data-testid=search-result]");
        await Expect(result).ToHaveCountAsync(1);
        await Expect(result.Locator("[data-testid=search-result-title]")).ToHaveTextAsync(CloudflareTitle);
        await Expect(result.Locator("mark")).ToHaveTextAsync(new Regex("^coincidental$", RegexOptions.IgnoreCase));
        Assert.False(await page.ScrollsSidewaysAsync(), $"the search page scrolls sideways at {width} px");
        await page.ScreenshotAsync(screenshot);

        await result.Locator("[data-testid=search-result-title]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/incidents/2025-11-18-cloudflare-bot-management$"));
    }

    [Fact]
    public async Task Ctrl_K_offers_a_text_search_that_finds_the_Cloudflare_incident_by_a_word_of_its_postmortem()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("actions");
        await page.Locator("html[data-shortcuts=on]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await page.Keyboard.PressAsync("Control+k");
        await Expect(page.Locator("input[data-testid=quick-find-input]")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("coincidental");
        var hit = page.Locator("[data-testid=quick-find-hit]");
        await Expect(hit).ToHaveCountAsync(1); // no title has the word: only the text search is offered
        await Expect(hit).ToContainTextAsync("Search all text for “coincidental”");
        await page.ScreenshotAsync("search-quick-find");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex("/search\\?q=coincidental$"));
        await Expect(page.Locator("[data-testid=search-result-title]")).ToHaveTextAsync(CloudflareTitle);
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Beyond_the_ranked_number_of_matching_events_the_page_says_they_come_newest_first()
    {
        // An incident of its own, so no other test sees its 2,001 events.
        var incident = await browser.Services.IncidentAsync("Newest-first search " + Guid.NewGuid().ToString("N")[..6]);
        await using (var db = browser.Services.GetRequiredService<IDbContextFactory<IncidentBoardDbContext>>().CreateDbContext())
        {
            db.TimelineEvents.AddRange(Enumerable.Range(0, FullTextSearch.DefaultRankedRecords + 1).Select(n => new TimelineEvent
            {
                IncidentId = incident, OccurredAt = DateTime.UtcNow, Kind = EventKind.Note, Text = $"quillwort reading {n}", Version = Guid.NewGuid(),
            }));
            await db.SaveChangesAsync();
        }

        foreach (var (width, height, screenshot) in new[] { (1400, 1000, "search-newest-first"), (390, 844, "search-newest-first-phone") })
        {
            var page = await browser.NewPageAsync(width, height);
            await page.OpenAsync("search?q=quillwort");
            await Expect(page.Locator("[data-testid=search-newest-first]")).ToContainTextAsync("the newest 2,000, newest first");
            await Expect(page.Locator("[data-testid=search-result]")).ToHaveCountAsync(1);
            Assert.False(await page.ScrollsSidewaysAsync(), $"the search page scrolls sideways at {width} px");
            await page.ScreenshotAsync(screenshot);
        }
    }

    [Fact]
    public async Task Text_that_cannot_be_searched_says_why_on_the_page()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("search?q=%22%2A%28%29%22");

        await Expect(page.Locator("[data-testid=search-error]")).ToContainTextAsync("letters and digits");
    }
}
