using System.Text.RegularExpressions;
using Dashboard.Data.Incidents;
using Dashboard.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Dashboard.Account;
using Dashboard.Api;

namespace Dashboard.Tests.Browser;

/// <summary>Hostile input in the real browser: the page stays interactive and says what happened.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HostileBrowserTests(BrowserFixture browser)
{
    private const string Aws = "incidents/2025-10-20-aws-us-east-1-dynamodb-dns";

    /// <summary>Who sets up data through the commands, as the signed-in owner would.</summary>
    private static readonly Actor Setup = Actor.Person("setup@example.com", Role.Owner);

    [Theory]
    [InlineData(1400)]
    [InlineData(390)]
    public async Task Deep_nesting_in_the_postmortem_editor_shows_a_message_and_the_page_stays_interactive(int width)
    {
        var page = await browser.NewPageAsync(width);
        await page.OpenAsync(Aws + "/postmortem");

        await page.TypeAtEndOfEditorAsync("\n\n" + string.Concat(Enumerable.Repeat("- ", 150)) + "too deep");

        await Expect(page.Locator("[data-testid=render-problem]")).ToContainTextAsync(new Regex(@"nesting deeper than 32 levels at line \d+"));
        await Expect(page.Locator("[data-testid=postmortem-preview] .markdown-problem")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=unsaved]")).ToBeVisibleAsync();
        await page.ScreenshotAsync($"hostile-deep-nesting-{width}");
        Assert.False(await page.ScrollsSidewaysAsync());

        // Still connected: fixing the text brings the formatted preview back.
        await page.Locator("[data-testid=postmortem-editor]").FillAsync("# Fixed\n\n- one\n  - two");
        await page.Keyboard.PressAsync("Space");
        await Expect(page.Locator("[data-testid=postmortem-preview] h1")).ToHaveTextAsync("Fixed");
        await Expect(page.Locator("[data-testid=render-problem]")).ToHaveCountAsync(0);
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
    }

    [Theory]
    [InlineData(1400)]
    [InlineData(390)]
    public async Task An_over_size_chat_paste_is_refused_with_a_message_and_the_circuit_keeps_working(int width)
    {
        var page = await browser.NewPageAsync(width);
        await page.OpenAsync("incidents/2024-07-19-crowdstrike-channel-file-291");
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Timeline") }).ClickAsync();
        await page.Locator("[data-testid=import-events]").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var paste = dialog.Locator("textarea[data-testid=import-text]");

        // 3 MB: past the paste limit and far past one SignalR message (128 KB).
        await paste.EvaluateAsync("(el, n) => { el.value = '11:28 line of a very long paste\\n'.repeat(n); }", 3 * 1024 * 1024 / 32);
        await dialog.Locator("[data-testid=import-preview]").ClickAsync();

        await Expect(dialog.Locator("[data-testid=import-too-large]")).ToContainTextAsync("the limit is 2,048 KB");
        await page.ScreenshotAsync($"hostile-oversize-paste-{width}");

        await paste.FillAsync("11:28 the same dialog still works\n11:29 and previews");
        await dialog.Locator("[data-testid=import-preview]").ClickAsync();
        await Expect(dialog.Locator("[data-testid=import-summary]")).ToContainTextAsync("2 new");
        await Expect(dialog.Locator("[data-testid=import-too-large]")).ToHaveCountAsync(0);
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_postmortem_several_times_larger_than_one_hub_message_reaches_the_preview_as_a_stream()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("incidents/2024-07-19-crowdstrike-channel-file-291/postmortem");

        await page.TypeAtEndOfEditorAsync("x"); // the editor's script is attached once typing marks the text unsaved
        await Expect(page.Locator("[data-testid=unsaved]")).ToBeVisibleAsync();

        // About 600 KB, nearly five times the hub's 128 KB message limit.
        await page.Locator("[data-testid=postmortem-editor]").EvaluateAsync(
            "(el, n) => { el.value = '# Long postmortem\\n\\n' + 'A paragraph of an unusually long postmortem text.\\n\\n'.repeat(n) + 'The very end.'; el.dispatchEvent(new Event('input')); }",
            12_000);

        await Expect(page.Locator("[data-testid=postmortem-preview]")).ToContainTextAsync("The very end.", new() { Timeout = 15_000 });
        await Expect(page.Locator("[data-testid=postmortem-preview] h1")).ToHaveTextAsync("Long postmortem");
        await Expect(page.Locator("[data-testid=unsaved]")).ToBeVisibleAsync();
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_huge_paste_into_an_ordinary_form_field_is_cut_to_just_over_its_limit_and_refused_with_a_message()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("incidents/new");
        await page.Locator("input[data-testid=title]").FillAsync("Huge paste");
        await page.Locator("input[data-testid=organisation]").FillAsync("Ops");
        await page.Locator("input[data-testid=phase-started]").FillAsync("2026-01-05 08:00");

        // 300,000 characters: sent whole, the field's change event alone would exceed the 128 KB message limit.
        await page.Locator("textarea[data-testid=summary]").FillAsync(new string('x', 300_000));
        await page.Locator("[data-testid=save]").ClickAsync();

        await Expect(page.Locator("textarea[data-testid=summary]")).ToHaveValueAsync(new Regex("^x{20001}$"));
        await Expect(page.Locator("[data-testid=form-errors]")).ToContainTextAsync("Please fix 1 problem");
        await Expect(page.GetByText("Summary is longer than 20000 characters.")).ToBeVisibleAsync(); // under the field
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Unsaved_postmortem_text_survives_a_lost_page_and_is_offered_back_on_the_next_visit()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("incidents/2025-10-29-azure-front-door/postmortem");
        await page.TypeAtEndOfEditorAsync("\n\nA line typed just before the connection was lost.");
        await Expect(page.Locator("[data-testid=postmortem-preview]")).ToContainTextAsync("just before the connection was lost");

        // The same browser (same localStorage) opens the postmortem again, as after a reload.
        var again = await page.Context.NewPageAsync();
        await again.OpenAsync("incidents/2025-10-29-azure-front-door/postmortem");
        await Expect(again.Locator("[data-testid=draft-found]")).ToContainTextAsync("unsaved draft");
        await again.ScreenshotAsync("hostile-draft-found");
        await again.Locator("[data-testid=draft-restore]").ClickAsync();

        await Expect(again.Locator("[data-testid=postmortem-editor]")).ToHaveValueAsync(new Regex("just before the connection was lost"));
        await Expect(again.Locator("[data-testid=unsaved]")).ToBeVisibleAsync();
        await Expect(again.Locator("[data-testid=draft-found]")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData(1400)]
    [InlineData(390)]
    public async Task A_damaged_row_breaks_only_its_tab_which_shows_an_error_id_and_a_retry(int width)
    {
        var slug = await IncidentWithDamagedEventAsync($"Damaged row {width}");
        var page = await browser.NewPageAsync(width);
        await page.OpenAsync("incidents/" + slug);

        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Timeline") }).ClickAsync();

        var boundary = page.Locator("[data-testid=error-boundary]");
        await Expect(boundary).ToContainTextAsync("This Timeline tab could not be shown.");
        await Expect(boundary.Locator("[data-testid=error-id]")).ToHaveTextAsync(new Regex("^[0-9a-f]{8}$"));
        await Expect(boundary.Locator("[data-testid=error-retry]")).ToBeVisibleAsync();
        await page.ScreenshotAsync($"hostile-error-boundary-{width}");

        // The rest of the page still works. (At 390 px MudTabs slides Overview out of view with a transform that
        // Playwright cannot scroll to, on any incident, so the click is dispatched to the tab itself.)
        await page.GetByRole(AriaRole.Tab, new() { Name = "Overview" }).DispatchEventAsync("click");
        await Expect(page.Locator("[data-testid=incident-title]")).ToHaveTextAsync($"Damaged row {width}");
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
    }

    /// <summary>A new incident with one event whose time no longer reads as a time, as a damaged or hand-edited database would have.</summary>
    private async Task<string> IncidentWithDamagedEventAsync(string title)
    {
        var created = await browser.Services.GetRequiredService<IncidentCommands>().CreateAsync(Setup, new IncidentInput
        {
            Title = title, Organisation = "Test", Summary = "Its timeline has a damaged row.", Started = "2025-11-18 11:20",
        });
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Values));
        await using var connection = new SqliteConnection($"Data Source={browser.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        var columns = new List<string>();
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('TimelineEvents') WHERE name <> 'Id';";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync()) columns.Add(reader.GetString(0));
        }
        var values = columns.Select(c => c switch
        {
            "IncidentId" => "(SELECT Id FROM Incidents WHERE Slug = $slug)",
            "OccurredAt" => "'not a time'",
            _ => c,
        });
        await using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO TimelineEvents ({string.Join(", ", columns)}) SELECT {string.Join(", ", values)} FROM TimelineEvents LIMIT 1;";
        insert.Parameters.AddWithValue("$slug", created.Key);
        Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        return created.Key!;
    }

    [Fact]
    public async Task The_pages_run_without_a_single_content_security_policy_violation()
    {
        var page = await browser.NewPageAsync(1400, 1000); // signed in as the owner, so every page below is shown, not the sign-in form
        var context = page.Context;
        // Violations reach the console both from Chromium itself and from this listener (which also sees report-only ones).
        // Added before the first navigation, so it runs in every document the page loads.
        await context.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));");
        var violations = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.Text.StartsWith("CSP violation", StringComparison.Ordinal))
                violations.Add($"{page.Url}: {m.Text}");
        };

        await page.OpenAsync("incidents");
        await page.OpenAsync("incidents/2025-11-18-cloudflare-bot-management");
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Timeline") }).ClickAsync();
        await Expect(page.Locator("[data-testid=timeline-chart] .main-svg").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Impact") }).ClickAsync();
        await Expect(page.Locator(".main-svg").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Actions") }).ClickAsync();
        await page.OpenAsync("incidents/2025-11-18-cloudflare-bot-management/postmortem");
        await Expect(page.Locator("[data-testid=postmortem-preview] h1")).ToBeVisibleAsync();
        await page.OpenAsync("review");
        await Expect(page.Locator("[data-testid=chart-incidents] .main-svg").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        foreach (var path in new[] { "actions", "services", "services/cf-bot-management", "status", "incidents/new", "incidents/2025-11-18-cloudflare-bot-management/summary", "no-such-page" })
            await page.OpenAsync(path);
        await page.GotoAsync("review?period=Custom&from=2025-01-01&to=9999-12-31");
        await Expect(page.Locator("[data-testid=review-problems]")).ToContainTextAsync("9999-12-31 is outside");

        Assert.Empty(violations);
        await context.CloseAsync();
    }
}
