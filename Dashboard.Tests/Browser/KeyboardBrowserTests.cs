using System.Text.RegularExpressions;
using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>The app from the keyboard: the Ctrl+K switcher, the shortcuts list, the timeline's keys, focus around dialogs.</summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Ctrl_K_finds_the_Cloudflare_incident_and_Enter_opens_it()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("actions");
        await ShortcutsLiveAsync(page);

        await page.Keyboard.PressAsync("Control+k");
        var input = page.Locator("input[data-testid=quick-find-input]");
        await Expect(input).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("bot management");
        await Expect(page.Locator("[data-testid=quick-find-hit]").First).ToContainTextAsync("Global 5xx errors from an oversized Bot Management feature file");
        await Expect(page.Locator("[data-testid=quick-find-hit][aria-selected=true]")).ToContainTextAsync("Incident");
        await page.ScreenshotAsync("quick-find");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.Locator("[data-testid=quick-find-hit]").Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(page.Locator("[data-testid=quick-find-hit]").First).ToHaveAttributeAsync("aria-selected", "true");
        await page.Keyboard.PressAsync("Enter");

        // Blazor navigates inside the page (no load event), so the address is checked, not waited for a load.
        await Expect(page).ToHaveURLAsync(new Regex("/incidents/2025-11-18-cloudflare-bot-management$"));
        await Expect(page.Locator("[data-testid=incident-title]")).ToContainTextAsync("Bot Management");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
    }

    private static Task ShortcutsLiveAsync(IPage page) =>
        page.Locator("html[data-shortcuts=on]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    [Fact]
    public async Task A_dialog_gives_focus_back_to_the_button_that_opened_it()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync(PageTour.Cloudflare + "?tab=actions");
        await ShortcutsLiveAsync(page);
        var add = page.Locator("[data-testid=add-action]");
        await add.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeVisibleAsync();
        // The dialog takes focus as it opens (MudBlazor moves it there once the dialog has rendered).
        await page.WaitForFunctionAsync("() => document.activeElement?.closest('.mud-dialog-container') != null");
        // Focus is trapped: tabbing past the last control comes back to the first, never to the page
        // behind (a picker's open list belongs to its field in the dialog).
        for (var i = 0; i < 12; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var outside = await page.EvaluateAsync<string?>(
                "() => document.activeElement.closest('.mud-dialog-container, .mud-popover-open') ? null : document.activeElement.outerHTML.slice(0, 200)");
            Assert.True(outside is null, $"after {i + 1} tabs focus left the open dialog for {outside}");
        }

        await page.Keyboard.PressAsync("Escape");

        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(add).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Question_mark_lists_the_shortcuts_and_the_timeline_answers_n_and_slash()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync(PageTour.Cloudflare + "?tab=timeline");
        await Expect(page.Locator("[data-testid=event-row]").First).ToBeVisibleAsync();
        await ShortcutsLiveAsync(page);

        await page.Keyboard.PressAsync("?");
        var shortcuts = page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" });
        await Expect(shortcuts).ToContainTextAsync("Go to an incident, service or action");
        await page.ScreenshotAsync("shortcuts-dialog");
        await page.Keyboard.PressAsync("Escape");
        await Expect(shortcuts).ToHaveCountAsync(0);

        await page.Keyboard.PressAsync("/");
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement.closest('.mud-select, .mud-input-control') !== null"), "/ did not focus the filters");

        // Out of the field again (a click on plain text), so "n" is a shortcut and not a typed letter.
        await page.Keyboard.PressAsync("Escape");
        await page.Locator("[data-testid=event-count]").ClickAsync();
        await page.Keyboard.PressAsync("n");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync(new Regex("event", RegexOptions.IgnoreCase));
    }
}
