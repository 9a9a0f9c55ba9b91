using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>
/// axe-core's WCAG 2.0 and 2.1 A and AA rules on every page of the tour, in the light and the dark
/// theme (the browser's colour scheme; the app follows it when the user has not chosen). A serious or
/// critical violation fails its page, naming each rule and element.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityBrowserTests(BrowserFixture browser)
{
    [Theory]
    [MemberData(nameof(PageTour.AllInBothThemes), MemberType = typeof(PageTour))]
    public async Task Page_has_no_serious_or_critical_WCAG_violations(string page, string theme)
    {
        var tab = await browser.NewPageAsync(signedIn: PageTour.SignedIn(page));
        await PageTour.OpenAsync(tab, page, theme);

        var problems = await tab.SeriousProblemsAsync();
        await tab.ScreenshotAsync($"tour-{page}-{theme}-desktop");
        Assert.True(problems.Count == 0, $"{page} ({theme}): {problems.Count} serious or critical violations\n" + string.Join("\n", problems));
        await tab.Context.CloseAsync();
    }
}
