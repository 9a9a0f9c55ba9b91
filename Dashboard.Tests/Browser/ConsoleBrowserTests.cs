using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>
/// Every page of the tour opens without an error in the browser's console, an uncaught script error
/// or a failed request (a missing favicon was one on every page).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleBrowserTests(BrowserFixture browser)
{
    [Theory]
    [MemberData(nameof(PageTour.All), MemberType = typeof(PageTour))]
    public async Task Page_opens_with_no_console_errors_and_no_failed_requests(string page)
    {
        var tab = await browser.NewPageAsync(signedIn: PageTour.SignedIn(page));
        var problems = new List<string>();
        tab.Console += (_, message) => { if (message.Type == "error") problems.Add($"console: {message.Text}"); };
        tab.PageError += (_, error) => problems.Add($"script: {error}");
        tab.Response += (_, response) => { if (response.Status >= 400) problems.Add($"{response.Status} {response.Url}"); };
        tab.RequestFailed += (_, request) => problems.Add($"failed: {request.Url} ({request.Failure})");

        await PageTour.OpenAsync(tab, page, "light");
        // The icon is fetched after the page has loaded: wait for the network to go quiet so a 404 is seen.
        await tab.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.True(problems.Count == 0, $"{page}: " + string.Join("; ", problems));
        await tab.Context.CloseAsync();
    }

    [Fact]
    public async Task Pages_name_an_icon_and_a_web_manifest_that_are_served()
    {
        // Headless Chromium does not fetch icons by itself, so the test follows the page's links.
        var tab = await browser.NewPageAsync();
        await tab.OpenAsync("incidents");
        var icon = await tab.Locator("link[rel=icon]").GetAttributeAsync("href");
        var manifest = await tab.Locator("link[rel=manifest]").GetAttributeAsync("href");
        Assert.NotNull(icon);
        Assert.NotNull(manifest);

        var iconResponse = await tab.APIRequest.GetAsync(icon);
        Assert.Equal(200, iconResponse.Status);
        Assert.Equal("image/svg+xml", iconResponse.Headers["content-type"]);
        Assert.Equal(200, (await tab.APIRequest.GetAsync("favicon.ico")).Status); // what browsers ask for without looking

        var manifestJson = System.Text.Json.JsonDocument.Parse(await (await tab.APIRequest.GetAsync(manifest)).TextAsync()).RootElement;
        Assert.Equal("IncidentBoard", manifestJson.GetProperty("name").GetString());
        foreach (var entry in manifestJson.GetProperty("icons").EnumerateArray())
            Assert.Equal(200, (await tab.APIRequest.GetAsync(entry.GetProperty("src").GetString()!)).Status);
        await tab.Context.CloseAsync();
    }
}
