using Dashboard.Data.Actions;
using Dashboard.Data.Incidents;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Dashboard.Account;
using Dashboard.Api;

namespace Dashboard.Tests.Browser;

/// <summary>Two people, two browsers, one incident: a change made in one shows in the other without a reload.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveBrowserTests(BrowserFixture browser)
{
    private static readonly Actor Setup = Actor.Person("setup@example.com", Role.Owner);

    /// <summary>An incident of the test's own, so other tests' edits of the seeded ones cannot interfere.</summary>
    private async Task<(int Id, string Slug)> DeclareAsync(string title)
    {
        var result = await browser.Services.GetRequiredService<IncidentCommands>().CreateAsync(Setup, new IncidentInput
        {
            Title = title, Organisation = "Edge", Summary = "A test incident.", Started = "2026-03-02 09:00", Detected = "2026-03-02 09:10", Mitigated = "2026-03-02 10:00",
        });
        Assert.True(result.Succeeded);
        return (result.Id!.Value, result.Key!);
    }

    [Fact]
    public async Task An_owner_set_in_one_browser_updates_the_other_browsers_postmortem_table_and_check()
    {
        var (id, slug) = await DeclareAsync("Live: action owner reaches the postmortem");
        await browser.Services.GetRequiredService<ActionCommands>().CreateAsync(Setup, id,
            new ActionInput { Title = "Bound the feature file size", DueDate = new DateOnly(2030, 1, 31) });

        var reader = await browser.NewPageAsync();
        await reader.OpenAsync($"incidents/{slug}/postmortem");
        var check = reader.Locator("[data-testid=check-actions-incomplete]");
        await Expect(check).ToHaveAttributeAsync("data-passed", "false");
        await Expect(reader.Locator("[data-testid=postmortem-preview] table", new() { HasTextString = "Bound the feature file size" })).ToContainTextAsync("no owner");

        var editor = await browser.NewPageAsync();
        await editor.OpenAsync($"incidents/{slug}?tab=actions");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Edit Bound the feature file size" }).ClickAsync();
        var dialog = editor.GetByRole(AriaRole.Dialog);
        await dialog.Locator("input[data-testid=action-owner]").FillAsync("Priya");
        await dialog.Locator("[data-testid=action-save]").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        await Expect(reader.Locator("[data-testid=postmortem-preview] table", new() { HasTextString = "Bound the feature file size" })).ToContainTextAsync("Priya");
        await Expect(check).ToHaveAttributeAsync("data-passed", "true");
        await reader.ScreenshotAsync("live-postmortem-after-owner");
    }

    [Fact]
    public async Task A_phase_time_saved_in_one_browser_updates_the_other_browsers_header()
    {
        var (_, slug) = await DeclareAsync("Live: phase time reaches the header");
        var reader = await browser.NewPageAsync();
        await reader.OpenAsync($"incidents/{slug}");
        await Expect(reader.Locator("[data-testid=phase-resolved]")).ToContainTextAsync("not recorded");

        var editor = await browser.NewPageAsync();
        await editor.OpenAsync($"incidents/{slug}/edit");
        await editor.Locator("input[data-testid=phase-resolved]").FillAsync("2026-03-02 11:45");
        await editor.Locator("[data-testid=save]").ClickAsync();
        await editor.WaitForURLAsync($"**/incidents/{slug}");

        await Expect(reader.Locator("[data-testid=phase-resolved]")).ToContainTextAsync("2026-03-02 11:45");
        await Expect(reader.Locator("[data-testid=metric-time-to-resolve]")).ToHaveTextAsync("2 h 45 m");
        await reader.ScreenshotAsync("live-header-after-phase-edit");
    }

    [Fact]
    public async Task The_history_tab_and_the_audit_page_show_who_changed_what()
    {
        var (_, slug) = await DeclareAsync("Live: history of an incident");
        var page = await browser.NewPageAsync();
        await page.OpenAsync($"incidents/{slug}?tab=history");
        await Expect(page.Locator("tr.audit-row").First).ToContainTextAsync("incident.created");
        await Expect(page.Locator("tr.audit-row").First).ToContainTextAsync("setup@example.com");
        await page.ScreenshotAsync("incident-history-tab");

        await page.OpenAsync($"audit?incident={slug}");
        await Expect(page.Locator("tr.audit-row")).ToHaveCountAsync(1);
        await page.ScreenshotAsync("audit-desktop");
        var narrow = await browser.NewPageAsync(width: 390, height: 844);
        await narrow.OpenAsync("audit");
        await narrow.ScreenshotAsync("audit-phone");
        Assert.False(await narrow.ScrollsSidewaysAsync());
    }
}
