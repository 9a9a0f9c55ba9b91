using System.Text.RegularExpressions;
using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>
/// Every page of the app (and each form and dialog) by a short name, opened with the seeded data and
/// waited for until its content is on screen: the accessibility, phone-width and screenshot tests
/// walk the same list, so a page added here is checked by all of them.
/// </summary>
public static class PageTour
{
    public const string Cloudflare = "incidents/2025-11-18-cloudflare-bot-management";

    public static readonly string[] Names =
    [
        "incidents", "incident-overview", "incident-timeline", "incident-impact", "incident-actions", "incident-history",
        "postmortem", "summary", "actions-table", "actions-board", "my-work", "services", "service", "review", "status", "search", "themes",
        "declare-form", "edit-form", "action-dialog", "event-dialog", "import-dialog", "impact-dialog", "service-dialog",
        "import-postmortem-dialog", "quick-find-dialog", "shortcuts-dialog", "users", "new-user-dialog", "audit", "profile", "password", "sign-in",
        "webhooks", "new-webhook-dialog",
    ];

    public static TheoryData<string> All() => [.. Names];

    public static TheoryData<string, string> AllInBothThemes()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in Names)
            foreach (var theme in new[] { "light", "dark" })
                data.Add(name, theme);
        return data;
    }

    /// <summary>The sign-in page is the one page seen signed out.</summary>
    public static bool SignedIn(string name) => name != "sign-in";

    /// <summary>The account pages are plain server-rendered forms: no app bar, no theme switch; they follow the device by CSS.</summary>
    public static bool IsAccountPage(string name) => name is "sign-in" or "profile" or "password";

    /// <summary>Opens the page in the browser's colour scheme and, on the app's pages, waits until the theme switch has applied it.</summary>
    public static async Task OpenAsync(IPage page, string name, string theme)
    {
        await page.EmulateMediaAsync(new() { ColorScheme = theme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        await OpenAsync(page, name);
        if (!IsAccountPage(name))
            await page.Locator($"[data-theme={theme}][data-theme-ready=yes]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.SettleAsync();
    }

    public static async Task OpenAsync(IPage page, string name)
    {
        switch (name)
        {
            case "incidents":
                await page.OpenAsync("incidents");
                await Expect(page.Locator("table tbody tr", new() { HasTextString = "Bot Management" })).ToBeVisibleAsync();
                break;
            case "incident-overview":
                await page.OpenAsync(Cloudflare);
                await Expect(page.Locator("[data-testid=incident-title]")).ToBeVisibleAsync();
                // The related panel loads after the page: scanning before it arrives would miss its controls.
                await Expect(page.Locator("[data-testid=link-kind]")).ToBeVisibleAsync();
                break;
            case "incident-timeline":
                await page.OpenAsync(Cloudflare + "?tab=timeline");
                await page.Locator("[data-testid=timeline-chart] .main-svg").First.WaitForAsync();
                await Expect(page.Locator("[data-testid=event-row]").First).ToBeVisibleAsync();
                break;
            case "incident-impact":
                await page.OpenAsync(Cloudflare + "?tab=impact");
                await Expect(page.Locator("[data-testid=impact-windows]")).ToBeVisibleAsync();
                await page.Locator(".main-svg").First.WaitForAsync();
                break;
            case "incident-actions":
                await page.OpenAsync(Cloudflare + "?tab=actions");
                await Expect(page.Locator("[data-testid=add-action]")).ToBeVisibleAsync();
                break;
            case "incident-history":
                await page.OpenAsync(Cloudflare + "?tab=history");
                await Expect(page.GetByRole(AriaRole.Tabpanel)).ToContainTextAsync(new Regex("incident|No change", RegexOptions.IgnoreCase));
                break;
            case "postmortem":
                await page.OpenAsync(Cloudflare + "/postmortem");
                await Expect(page.Locator("[data-testid=postmortem-preview]")).ToContainTextAsync("Summary");
                await Expect(page.Locator("[data-testid=quality-score]")).ToBeVisibleAsync();
                break;
            case "summary":
                await page.OpenAsync(Cloudflare + "/summary");
                await Expect(page.Locator("h1, .mud-typography-h4").First).ToBeVisibleAsync();
                await Expect(page.Locator("[data-testid=summary-actions]")).ToBeVisibleAsync();
                break;
            case "actions-table":
                await page.OpenAsync("actions");
                await Expect(page.Locator("[data-testid=actions-grid] tbody tr").First).ToBeVisibleAsync();
                break;
            case "actions-board":
                await page.OpenAsync("actions");
                await page.Locator("[data-testid=view-toggle]").GetByText("Board").ClickAsync();
                await Expect(page.Locator("[data-testid=board-card]").First).ToBeVisibleAsync();
                break;
            case "my-work":
                await page.OpenAsync("my-work");
                await Expect(page.Locator("[data-testid=my-actions-heading]")).ToBeVisibleAsync();
                break;
            case "services":
                await page.OpenAsync("services");
                await Expect(page.Locator("[data-testid=service-table] tbody tr").First).ToBeVisibleAsync();
                break;
            case "service":
                await page.OpenAsync("services/cf-bot-management");
                await Expect(page.Locator("[data-testid=service-title]")).ToBeVisibleAsync();
                await Expect(page.Locator("[data-testid=last-incident]")).ToBeVisibleAsync();
                break;
            case "review":
                await page.OpenAsync("review");
                await Expect(page.Locator("[data-testid=review-incidents]")).ToBeVisibleAsync();
                break;
            case "status":
                await page.OpenAsync("status");
                await Expect(page.GetByText("2025-11-18-cloudflare.json")).ToBeVisibleAsync();
                break;
            case "search":
                await page.OpenAsync("search?q=feature%20file");
                await Expect(page.Locator("[data-testid=search-result]").First).ToBeVisibleAsync();
                break;
            case "themes":
                // Empty or not, depending on which browser tests ran before.
                await page.OpenAsync("themes");
                await Expect(page.Locator("[data-testid=themes], [data-testid=themes-empty]")).ToBeVisibleAsync();
                break;
            case "declare-form":
                await page.OpenAsync("incidents/new");
                await Expect(page.Locator("input[data-testid=title]")).ToBeVisibleAsync();
                break;
            case "edit-form":
                await page.OpenAsync(Cloudflare + "/edit");
                await Expect(page.Locator("input[data-testid=title]")).ToHaveValueAsync(new Regex("Bot Management"));
                break;
            case "action-dialog":
                await page.OpenAsync(Cloudflare + "?tab=actions");
                await OpenDialogAsync(page, "[data-testid=add-action]");
                break;
            case "event-dialog":
                await page.OpenAsync(Cloudflare + "?tab=timeline");
                await Expect(page.Locator("[data-testid=event-row]").First).ToBeVisibleAsync();
                await OpenDialogAsync(page, "[data-testid=add-event]");
                break;
            case "import-dialog":
                await page.OpenAsync(Cloudflare + "?tab=timeline");
                await Expect(page.Locator("[data-testid=event-row]").First).ToBeVisibleAsync();
                await OpenDialogAsync(page, "[data-testid=import-events]");
                break;
            case "impact-dialog":
                await page.OpenAsync(Cloudflare + "?tab=impact");
                await Expect(page.Locator("[data-testid=impact-windows]")).ToBeVisibleAsync();
                await OpenDialogAsync(page, "[data-testid=add-impact]");
                break;
            case "service-dialog":
                await page.OpenAsync("services");
                await Expect(page.Locator("[data-testid=service-table] tbody tr").First).ToBeVisibleAsync();
                await OpenDialogAsync(page, "[data-testid=add-service]");
                break;
            case "import-postmortem-dialog":
                await page.OpenAsync("incidents");
                await Expect(page.Locator("table tbody tr").First).ToBeVisibleAsync();
                await OpenDialogAsync(page, "[data-testid=import-postmortem]");
                break;
            case "quick-find-dialog":
                await page.OpenAsync("incidents");
                await Expect(page.Locator("table tbody tr").First).ToBeVisibleAsync();
                await page.Locator("[data-testid=quick-find-open]").ClickAsync();
                await page.Locator("input[data-testid=quick-find-input]").PressSequentiallyAsync("cloudflare");
                await Expect(page.Locator("[data-testid=quick-find-hit]").First).ToBeVisibleAsync();
                break;
            case "shortcuts-dialog":
                await page.OpenAsync("incidents");
                await page.Locator("html[data-shortcuts=on]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
                await page.Keyboard.PressAsync("?");
                await Expect(page.Locator("[data-testid=shortcuts]")).ToBeVisibleAsync();
                break;
            case "users":
                await page.OpenAsync("users");
                await Expect(page.Locator("[data-testid=users-table] tbody tr").First).ToBeVisibleAsync();
                break;
            case "new-user-dialog":
                await page.OpenAsync("users");
                await Expect(page.Locator("[data-testid=users-table] tbody tr").First).ToBeVisibleAsync();
                await OpenDialogAsync(page, "[data-testid=add-user]");
                break;
            case "webhooks":
                await page.OpenAsync("admin/webhooks");
                await Expect(page.Locator("[data-testid=webhooks-empty], [data-testid=webhooks-table]")).ToBeVisibleAsync();
                break;
            case "new-webhook-dialog":
                await page.OpenAsync("admin/webhooks");
                await Expect(page.Locator("[data-testid=webhooks-empty], [data-testid=webhooks-table]")).ToBeVisibleAsync();
                await OpenDialogAsync(page, "[data-testid=add-webhook]");
                break;
            case "audit":
                await page.OpenAsync("audit");
                await Expect(page.Locator("[data-testid=audit-table]")).ToBeVisibleAsync();
                break;
            case "profile":
                await page.GotoAsync("account/profile");
                await Expect(page.Locator("[data-testid=profile-name]")).ToBeVisibleAsync();
                break;
            case "password":
                await page.GotoAsync("account/password");
                await Expect(page.Locator("[data-testid=password-current]")).ToBeVisibleAsync();
                break;
            case "sign-in":
                await page.GotoAsync("account/login");
                await Expect(page.Locator("[data-testid=login-email]")).ToBeVisibleAsync();
                break;
            default:
                throw new ArgumentException($"No page named '{name}' in the tour.", nameof(name));
        }
    }

    private static async Task OpenDialogAsync(IPage page, string button)
    {
        await page.Locator(button).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
    }
}
