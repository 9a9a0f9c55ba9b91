using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Dashboard.Api;

namespace Dashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class LearningBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_5_December_incident_shows_its_repeat_link_and_the_18_November_follow_ups_still_open()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("incidents/2025-12-05-cloudflare-waf-killswitch");

        var link = page.Locator("[data-testid=incident-link]");
        await Expect(link).ToHaveCountAsync(1);
        await Expect(link).ToContainTextAsync("Repeats:");
        await Expect(link).ToContainTextAsync("Bot Management");
        var promises = page.Locator("[data-testid=open-promises]");
        await Expect(promises).ToContainTextAsync("8 of the 8 follow-ups");
        await Expect(promises.Locator("tbody tr")).ToHaveCountAsync(8);
        await Expect(promises.Locator("tbody tr", new() { HasTextString = "Add more global kill switches" })).ToContainTextAsync("not yet");
        await promises.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "learning-repeat-desktop.png") });

        var phone = await browser.NewPageAsync(width: 390, height: 844);
        await phone.OpenAsync("incidents/2025-12-05-cloudflare-waf-killswitch");
        var narrow = phone.Locator("[data-testid=open-promises]");
        await Expect(narrow.Locator("tbody tr")).ToHaveCountAsync(8);
        await narrow.ScrollIntoViewIfNeededAsync();
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "learning-repeat-narrow.png") });
        Assert.False(await phone.ScrollsSidewaysAsync(), "the incident page scrolls sideways at 390 px");
    }

    [Fact]
    public async Task On_the_5_December_incident_the_promises_open_at_the_repeat_list_the_three_prevention_projects_from_18_November()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("incidents/2025-12-05-cloudflare-waf-killswitch");

        // Cloudflare's 5 December postmortem names three projects planned after 18 November and not finished
        // deploying when this outage began [CF5-1]: they are 18 November follow-ups, in progress at 08:47.
        var promises = page.Locator("[data-testid=open-promises]");
        await Expect(promises).ToContainTextAsync("Bot Management");
        foreach (var project in new[] { "Enhanced Rollouts & Versioning", "Streamlined break-glass capabilities", "\"Fail-open\" error handling" })
        {
            var row = promises.Locator("tbody tr", new() { HasTextString = project });
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row).ToContainTextAsync("In progress");
            await Expect(row).ToContainTextAsync("Done 2026-05-01 21:07");
        }
        await promises.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "learning-repeat-projects.png") });
    }

    [Fact]
    public async Task A_responder_links_two_incidents_both_pages_show_it_and_it_can_be_removed()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("incidents/2025-10-20-aws-us-east-1-dynamodb-dns");
        await Expect(page.GetByText("No linked incidents.")).ToBeVisibleAsync();

        await page.Locator("[data-testid=link-kind]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Related to" }).ClickAsync();
        var target = page.Locator("[data-testid=link-target] input, input[data-testid=link-target]").First;
        await target.PressSequentiallyAsync("Channel");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Channel File 291" }).ClickAsync();
        await page.Locator("[data-testid=link-add]").ClickAsync();

        var link = page.Locator("[data-testid=incident-link]");
        await Expect(link).ToContainTextAsync("Related to:");
        await Expect(link).ToContainTextAsync("Channel File 291");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "learning-link-added.png") });
        var other = await browser.NewPageAsync();
        await other.OpenAsync("incidents/2024-07-19-crowdstrike-channel-file-291");
        await Expect(other.Locator("[data-testid=incident-link]")).ToContainTextAsync("us-east-1 disruption");
        await link.GetByRole(AriaRole.Button).ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Remove", Exact = true }).ClickAsync();
        await Expect(page.GetByText("No linked incidents.")).ToBeVisibleAsync();
        await Expect(other.GetByText("No linked incidents.")).ToBeVisibleAsync(); // live: the other page follows the removal
    }

    /// <summary>All incidents as the review counts them now: other tests in the collection add their own.</summary>
    private async Task<int> IncidentCountAsync() =>
        (await browser.Services.GetRequiredService<Dashboard.Data.Review.ReviewQueries>().GetAsync(Dashboard.Data.Kernel.Actor.System, new Dashboard.Data.Review.ReviewQuery())).Incidents;

    [Fact]
    public async Task The_review_shows_the_share_of_repeats_and_lists_them()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("review");

        var repeats = page.Locator("[data-testid=review-repeats]");
        await Expect(repeats.Locator("[data-testid=repeat-share]")).ToContainTextAsync($"(1 of {await IncidentCountAsync()})");
        await Expect(repeats.Locator("[data-testid=repeat-share]")).ToContainTextAsync("1 of them repeated while follow-ups");
        await Expect(repeats.Locator("tbody tr")).ToContainTextAsync("8 of 8");
        await repeats.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "learning-review-repeats.png") });
    }

    [Fact]
    public async Task The_review_draws_budget_burn_with_the_100_percent_line_and_names_exhausted_budgets()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("review");

        var budgets = page.Locator("[data-testid=review-budgets]");
        await Expect(budgets.Locator("[data-testid=chart-budget-burn] .main-svg").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(budgets.Locator("[data-testid=chart-budget-burn] .legendtext", new() { HasTextString = "100% of budget" })).ToHaveCountAsync(1);
        await Expect(budgets.Locator("[data-testid=budgets-exhausted]")).ToContainTextAsync("FL2 core proxy");
        await Expect(budgets.Locator("[data-testid=required-postmortems]")).ToContainTextAsync("without a published postmortem");
        await budgets.Locator("[data-testid=chart-budget-burn]").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "learning-review-budgets.png") });
        await budgets.Locator("[data-testid=budget-top-incidents]").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "learning-review-budget-tables.png") });
    }

    [Fact]
    public async Task The_impact_tab_charges_each_service_and_flags_a_required_postmortem()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("incidents/2025-11-18-cloudflare-bot-management?tab=impact");

        var table = page.Locator("[data-testid=budget-table]");
        await Expect(table.Locator("tr", new() { HasTextString = "FL2 core proxy" })).ToContainTextAsync("440%");
        await Expect(page.Locator("[data-testid=postmortem-required]")).ToContainTextAsync("Postmortem required");
        await table.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "learning-impact-budget.png") });
    }
}
