using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ActionsBrowserTests(BrowserFixture browser)
{
    private const string Title = "Browser: add a global kill switch for feature files";

    [Fact]
    public async Task An_action_added_to_Cloudflare_and_marked_done_shows_in_the_counts_and_the_export()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("actions");
        var doneBefore = int.Parse(await page.Locator("[data-testid=count-done]").InnerTextAsync());

        await page.OpenAsync("incidents/2025-11-18-cloudflare-bot-management");
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Actions") }).ClickAsync();
        await page.Locator("[data-testid=add-action]").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("input[data-testid=action-title]").FillAsync(Title);
        await dialog.Locator("input[data-testid=action-owner]").FillAsync("kim");
        await dialog.Locator("input[data-testid=action-due]").FillAsync("2030-06-30");
        await dialog.Locator("input[data-testid=action-link]").FillAsync("javascript:alert(1)");
        await dialog.Locator("[data-testid=action-save]").ClickAsync();
        await Expect(dialog).ToContainTextAsync("is not an http or https link");
        await dialog.Locator("input[data-testid=action-link]").FillAsync("https://tracker.example.com/EDGE-42");
        await page.ScreenshotAsync("action-dialog");
        await dialog.Locator("[data-testid=action-save]").ClickAsync();

        var row = page.Locator("tr", new() { HasTextString = Title });
        await Expect(row).ToContainTextAsync("Open");
        await Expect(row).ToContainTextAsync("2030-06-30");
        await row.Locator("[data-testid=move-action] button").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Move to Done").ClickAsync();
        await Expect(row).ToContainTextAsync("Done");
        await page.ScreenshotAsync("incident-cloudflare-actions");

        await page.OpenAsync("actions");
        await Expect(page.Locator("[data-testid=count-done]")).ToHaveTextAsync((doneBefore + 1).ToString());
        await page.ScreenshotAsync("actions-desktop");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=export-csv]").ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith("\uFEFFid,incident,incident_title,title,", csv);
        var line = csv.Split("\r\n").Single(l => l.Contains(Title));
        Assert.Contains(",kim,", line);
        Assert.Contains(",done,", line);
        Assert.Contains(",2030-06-30,no,", line);
    }

    [Fact]
    public async Task The_incident_picker_finds_an_incident_as_you_type_and_filters_the_tracker_by_it()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("actions");
        await page.Locator("[data-testid=more-filters]").ClickAsync();
        var picker = page.Locator("input[data-testid=incident-filter]");
        await picker.ClickAsync();
        await picker.PressSequentiallyAsync("Falcon");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Windows hosts crash worldwide" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"actions\?incident=\d+$"));
        var incidentLinks = page.Locator("[data-testid=actions-grid] tbody tr a[href^='incidents/']");
        await Expect(incidentLinks.First).ToHaveTextAsync("Windows hosts crash worldwide after Falcon Channel File 291 content update");
        Assert.All(await incidentLinks.AllInnerTextsAsync(), t => Assert.Equal("Windows hosts crash worldwide after Falcon Channel File 291 content update", t));
        await page.ScreenshotAsync("actions-more-filters");

        // The address names the incident: opened again, the filters it sets are shown and the picker shows its title.
        await page.ReloadAsync();
        await page.Locator("[data-render-mode=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.Locator("input[data-testid=incident-filter]")).ToHaveValueAsync("Windows hosts crash worldwide after Falcon Channel File 291 content update");
    }

    [Fact]
    public async Task The_board_moves_a_card_to_another_column()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("actions?incident=1");
        await page.Locator("[data-testid=view-toggle]").GetByText("Board").ClickAsync();
        var inProgress = page.Locator("[data-testid=board-InProgress] [data-testid=board-card]");
        // Count once the board has loaded ("…" until then), or "before" reads an empty column.
        await Expect(page.Locator("[data-testid=board-InProgress] [data-testid=board-count]")).Not.ToHaveTextAsync("…");
        var before = await inProgress.CountAsync();
        var card = page.Locator("[data-testid=board-Open] [data-testid=board-card]").First;
        var title = await card.Locator("[data-testid=action-row-title]").InnerTextAsync();

        await card.Locator("[data-testid=move-action] button").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Move to In progress").ClickAsync();

        await Expect(inProgress).ToHaveCountAsync(before + 1);
        await Expect(page.Locator("[data-testid=board-InProgress]")).ToContainTextAsync(title);
        await page.ScreenshotAsync("actions-board");
    }

    [Fact]
    public async Task The_actions_page_fits_a_phone()
    {
        var page = await browser.NewPageAsync(width: 390, height: 844);
        await page.OpenAsync("actions");
        await Expect(page.Locator("[data-testid=count-open]")).Not.ToHaveTextAsync("…");
        await Expect(page.Locator("[data-testid=actions-grid] tbody tr").First).ToBeVisibleAsync();
        // On a phone the column headers give way to one select for the sort: it says what it is.
        await Expect(page.Locator(".mud-table-smalldevices-sortselect label")).ToHaveTextAsync("Sort by");
        await page.ScreenshotAsync("actions-narrow");

        var overflow = await page.ScrollsSidewaysAsync();

        Assert.False(overflow, "the actions page scrolls sideways at 390 px");
    }
}
