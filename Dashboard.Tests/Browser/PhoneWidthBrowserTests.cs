using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Browser;

/// <summary>
/// Every page of the tour on a 390 px phone: the page itself never scrolls sideways (tables and charts
/// may scroll inside their own box). Long unbroken text (paths, slugs, URLs, keys) wraps. Screenshots
/// in both themes, to be looked at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneWidthBrowserTests(BrowserFixture browser)
{
    [Theory]
    [MemberData(nameof(PageTour.AllInBothThemes), MemberType = typeof(PageTour))]
    public async Task Page_fits_a_390_px_phone_without_sideways_scrolling(string page, string theme)
    {
        var tab = await browser.NewPageAsync(width: 390, height: 844, signedIn: PageTour.SignedIn(page));
        await PageTour.OpenAsync(tab, page, theme);
        await tab.ScreenshotAsync($"tour-{page}-{theme}-phone");
        // /status shows the seed folder's path: the fixture gives a long one on purpose, so a path that
        // does not wrap fails here however short the checkout's own path is.
        if (page == "status")
            Assert.Contains(browser.SeedDirectory, await tab.Locator("code").First.TextContentAsync() ?? "");

        var widths = await tab.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]");

        Assert.True(widths[0] <= widths[1], $"{page} ({theme}) is {widths[0]} px wide in a {widths[1]} px window: " +
            await tab.EvaluateAsync<string>(WidestElements));
        // The app bar clips what does not fit instead of scrolling, so the check above cannot see it: each of its controls must end inside the window.
        var cut = await tab.EvaluateAsync<string>(AppBarControlsCutOff);
        Assert.True(cut.Length == 0, $"{page} ({theme}): app bar controls cut off at the right edge: {cut}");
        await tab.Context.CloseAsync();
    }

    private const string AppBarControlsCutOff = """
        () => [...document.querySelectorAll('.mud-appbar button, .mud-appbar a')]
            .filter(e => e.getClientRects().length > 0 && e.getBoundingClientRect().right > document.scrollingElement.clientWidth + 1)
            .map(e => e.getAttribute('aria-label') || e.textContent.trim())
            .join(', ')
        """;

    // Names the elements that reach past the window's right edge, so a failure says what to fix.
    private const string WidestElements = """
        () => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.scrollingElement.clientWidth + 1 && e.getClientRects().length > 0)
            .filter(e => !e.closest('.mud-table-container, .plotly-figure, .js-plotly-plot, .mud-drawer, .mud-overlay'))
            .slice(0, 6)
            .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].slice(0, 3).join('.')} (${Math.round(e.getBoundingClientRect().right)} px)`)
            .join(', ')
        """;
}
