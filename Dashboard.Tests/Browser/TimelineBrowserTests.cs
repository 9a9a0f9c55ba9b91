using System.Text.RegularExpressions;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Dashboard.Api;
using Dashboard.Data.Incidents;

namespace Dashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class TimelineBrowserTests(BrowserFixture browser)
{
    // Mutating tests use Azure so the Cloudflare timeline stays as seeded for the others.
    private const string Azure = "incidents/2025-10-29-azure-front-door";

    private static async Task OpenTimelineAsync(IPage page, string incident)
    {
        await page.OpenAsync(incident);
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Timeline") }).ClickAsync();
        // An incident without events shows what to add instead of an empty chart.
        await Expect(page.Locator("[data-testid=timeline-chart] .main-svg, [data-testid=timeline-empty]").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
    }

    private static ILocator Row(IPage page, string text) => page.Locator("[data-testid=event-row]", new() { HasTextString = text });

    [Fact]
    public async Task On_a_phone_the_lanes_keep_most_of_the_chart()
    {
        var page = await browser.NewPageAsync(width: 390, height: 844);
        await OpenTimelineAsync(page, "incidents/2025-11-18-cloudflare-bot-management");

        var chart = await page.Locator("[data-testid=timeline-chart]").BoundingBoxAsync();
        // Plotly's drag surface covers exactly the plotting area: the lanes, without labels and margins.
        var lanes = await page.Locator("[data-testid=timeline-chart] .nsewdrag").First.BoundingBoxAsync();
        Assert.NotNull(chart);
        Assert.NotNull(lanes);
        Assert.True(lanes.Width >= chart.Width / 2, $"the lanes are {lanes.Width:0} px of a {chart.Width:0} px chart");
        Assert.True(lanes.Height >= 9 * 24, $"nine lanes in {lanes.Height:0} px");
        Assert.False(await page.ScrollsSidewaysAsync());
        await page.Locator("[data-testid=timeline-chart]").CloseUpAsync("timeline-cloudflare-phone");
    }

    [Fact]
    public async Task The_swimlane_chart_draws_the_Cloudflare_events_windows_and_phases()
    {
        var page = await browser.NewPageAsync();
        await OpenTimelineAsync(page, "incidents/2025-11-18-cloudflare-bot-management");

        var chart = page.Locator("[data-testid=timeline-chart]");
        await Expect(chart.Locator(".cartesianlayer .scatterlayer .point")).ToHaveCountAsync(27); // 20 events, a ring over each of the 6 tagged moments, and the 11:05 change on the ClickHouse lane
        await Expect(chart.Locator(".cartesianlayer .barlayer .point")).ToHaveCountAsync(10);
        // A long service name is drawn on two lines (Cloudflare / dashboard), so the lanes keep their width.
        await Expect(chart.Locator(".ytick", new() { HasTextRegex = new Regex("^Cloudflare\\s*dashboard$") })).ToHaveCountAsync(1);
        await Expect(chart.GetByText("resolved 17:06")).ToBeVisibleAsync();
        await Expect(chart.GetByText("Time (UTC)")).ToBeVisibleAsync();
        var legend = page.Locator("[data-testid=timeline-legend] li");
        await Expect(legend.First).ToHaveTextAsync("Major outage");
        await Expect(legend.Filter(new() { HasTextString = "Resolution" })).ToBeVisibleAsync();
        await page.ScreenshotAsync("timeline-cloudflare");

        await page.Locator("[data-testid=key-only]").ClickAsync();

        await Expect(chart.Locator(".cartesianlayer .scatterlayer .point")).ToHaveCountAsync(13); // 9 key events, 3 of them ringed as moments, and the change
        await Expect(page.Locator("[data-testid=event-row]")).ToHaveCountAsync(9);
    }

    [Fact]
    public async Task Clicking_a_marker_selects_the_event_in_the_list()
    {
        var page = await browser.NewPageAsync();
        await OpenTimelineAsync(page, "incidents/2025-11-18-cloudflare-bot-management");

        var shapes = page.Locator("[data-testid=timeline-chart] .shapelayer path");
        var before = await shapes.CountAsync();
        await page.Locator("[data-testid=timeline-chart] .cartesianlayer .scatterlayer .trace").First.Locator(".point").First.ClickAsync(new() { Force = true });

        await Expect(page.Locator(".selected-event")).ToHaveCountAsync(1);
        await Expect(shapes).ToHaveCountAsync(before + 1); // the ring around the selected marker
        await Expect(page.Locator("[data-testid=timeline-chart] .cartesianlayer .scatterlayer .point")).ToHaveCountAsync(27); // 20 events, 6 moment rings and the change
    }

    [Fact]
    public async Task The_local_time_switch_names_the_viewer_zone()
    {
        var page = await browser.NewPageAsync();
        await OpenTimelineAsync(page, "incidents/2025-11-18-cloudflare-bot-management");

        await page.Locator("[data-testid=zone-switch]").ClickAsync();

        await Expect(page.Locator("[data-testid=timeline-chart]").GetByText(new Regex(@"Time \(Europe/Berlin, UTC\+01:00\)"))).ToBeVisibleAsync();
        await Expect(Row(page, "An incident call is opened").Locator(".local-time")).ToHaveTextAsync("12:35 local");
    }

    [Fact]
    public async Task An_event_added_in_the_dialog_shows_in_list_and_chart_survives_a_reload_and_reaches_other_viewers_live()
    {
        var viewer = await browser.NewPageAsync();
        await OpenTimelineAsync(viewer, Azure);
        var viewerPoints = await viewer.Locator("[data-testid=timeline-chart] .cartesianlayer .scatterlayer .point").CountAsync();
        var page = await browser.NewPageAsync();
        await OpenTimelineAsync(page, Azure);

        await page.Locator("[data-testid=add-event]").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("[data-testid=event-save]").ClickAsync();
        await Expect(dialog).ToContainTextAsync("The time is required");
        await dialog.Locator("input[data-testid=event-time]").FillAsync("16:31");
        await dialog.Locator("textarea[data-testid=event-text]").FillAsync("Browser test: on-call engineer joins the bridge");
        await dialog.Locator("[data-testid=event-save]").ClickAsync();

        await Expect(Row(page, "Browser test: on-call engineer joins the bridge")).ToContainTextAsync("16:31");
        await Expect(page.Locator("[data-testid=timeline-chart] .cartesianlayer .scatterlayer .point")).ToHaveCountAsync(viewerPoints + 1);
        // The other browser sees it without reloading.
        await Expect(Row(viewer, "Browser test: on-call engineer joins the bridge")).ToHaveCountAsync(1);
        await Expect(viewer.Locator("[data-testid=timeline-chart] .cartesianlayer .scatterlayer .point")).ToHaveCountAsync(viewerPoints + 1);

        await OpenTimelineAsync(page, Azure);
        await Expect(Row(page, "Browser test: on-call engineer joins the bridge")).ToContainTextAsync("16:31");
        await page.ScreenshotAsync("timeline-azure-added");
    }

    [Fact]
    public async Task A_pasted_chat_log_is_previewed_then_committed_in_one_go()
    {
        var page = await browser.NewPageAsync();
        await OpenTimelineAsync(page, Azure);

        await page.Locator("[data-testid=import-events]").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("textarea[data-testid=import-text]").FillAsync(
            "[16:40] alex: paged the edge on-call\n16:52 UTC rollback of tenant config started\nthis line has no time\n2025-10-29T17:05:00Z status page updated for customers");
        await dialog.Locator("[data-testid=import-preview]").ClickAsync();

        await Expect(dialog.Locator("[data-testid=import-summary]")).ToContainTextAsync("3 new");
        await Expect(dialog).ToContainTextAsync("not understood");
        await page.ScreenshotAsync("timeline-import-preview");
        await dialog.Locator("[data-testid=import-commit]").ClickAsync();

        await Expect(Row(page, "paged the edge on-call")).ToContainTextAsync("Detection");
        await Expect(Row(page, "rollback of tenant config started")).ToContainTextAsync("Mitigation");
        await Expect(Row(page, "status page updated for customers")).ToContainTextAsync("17:05");
    }

    [Fact]
    public async Task A_large_paste_reaches_the_preview_without_dropping_the_connection()
    {
        var page = await browser.NewPageAsync();
        await OpenTimelineAsync(page, "incidents/2024-07-19-crowdstrike-channel-file-291");
        // About 60 KB: well past SignalR's default 32 KB message limit.
        var lines = string.Join("\n", Enumerable.Range(0, 1_200).Select(i => $"2024-07-19T{6 + i / 60 % 12:00}:{i % 60:00}:00Z host batch {i} reported back online after remediation"));

        await page.Locator("[data-testid=import-events]").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("textarea[data-testid=import-text]").FillAsync(lines);
        await dialog.Locator("[data-testid=import-preview]").ClickAsync();

        await Expect(dialog.Locator("[data-testid=import-summary]")).ToContainTextAsync("1200 new");
    }

    [Fact]
    public async Task Deleting_an_event_can_be_undone_from_the_snackbar()
    {
        var page = await browser.NewPageAsync();
        await OpenTimelineAsync(page, Azure);
        var row = Row(page, "The investigation narrows to configuration changes");
        await Expect(row).ToHaveCountAsync(1);

        await row.GetByRole(AriaRole.Button, new() { Name = "Delete event" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();

        await Expect(row).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_Slack_export_is_imported_through_the_dialog_and_its_messages_join_the_timeline()
    {
        var owner = Dashboard.Data.Kernel.Actor.Person(AppFactory.OwnerEmail, Dashboard.Data.Kernel.Role.Owner);
        var commands = browser.Services.GetRequiredService<Dashboard.Data.Incidents.IncidentCommands>();
        var created = await commands.CreateAsync(owner, new Dashboard.Data.Incidents.IncidentInput
        {
            Title = "Edge 5xx during the Slack test", Organisation = "Example Corp", Summary = "For the Slack import test.",
            Started = "2025-11-18 11:20", Resolved = "2025-11-18 14:40", Tags = "inc-cloudflare-bot-management",
        });
        Assert.True(created.Succeeded);
        try
        {
            var page = await browser.NewPageAsync();
            // A new incident has no events, so its timeline shows the empty state, not a chart.
            await page.OpenAsync($"incidents/{created.Key}?tab=timeline");
            await page.Locator("[data-testid=import-slack]").ClickAsync();
            await page.WaitForInputFileAsync("[data-testid=slack-file]");
            await page.Locator("[data-testid=slack-file]").SetInputFilesAsync(new FilePayload
            {
                Name = "slack-export.zip", MimeType = "application/zip", Buffer = SlackExportBuilder.Realistic().Build(),
            });
            // The channel named like the incident's tag is chosen, the window is the incident's ± 60 minutes.
            await Expect(page.Locator("[data-testid=slack-summary]")).ToContainTextAsync("3 new, 0 already on the timeline; skipped 1 joins and leaves, 1 bot messages, 1 edits");
            await page.ScreenshotAsync("slack-import-desktop");
            await page.Locator("[data-testid=slack-commit]").ClickAsync();

            await Expect(Row(page, "Seeing 5xx spike on the edge, paging @Bob Jones")).ToBeVisibleAsync();
            await Expect(Row(page, "Acknowledged, looking & digging")).ToContainTextAsync("Bob Jones");
        }
        finally
        {
            // Other tests count the seeded incidents on the review page.
            var incident = await browser.Services.GetRequiredService<Dashboard.Data.Incidents.IncidentQueries>().GetAsync(Dashboard.Data.Kernel.Actor.System, created.Key!);
            await commands.DeleteAsync(Dashboard.Data.Kernel.Actor.System, incident!.Id, incident.Version);
        }
    }
}
