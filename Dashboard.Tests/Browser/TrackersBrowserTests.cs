using Dashboard.Data.Actions;
using Dashboard.Data.Incidents;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>
/// An admin connects a GitHub repository on the trackers page, a responder opens an action's issue
/// from the action, and the action shows the issue's link once the worker has opened it. GitHub is a
/// local WireMock server answering as its documented REST API does (a contract test, not github.com).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TrackersBrowserTests(BrowserFixture browser)
{
    private static readonly Actor Owner = Actor.Person(AppFactory.OwnerEmail, Role.Owner);

    [Fact]
    public async Task An_action_whose_GitHub_issue_was_opened_shows_the_issue_and_its_link()
    {
        using var github = WireMockServer.Start();
        github.Given(Request.Create().WithPath("/repos/octocat/Hello-World/issues").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody("""
                { "id": 1, "number": 1347, "state": "open", "title": "Add a canary stage",
                  "html_url": "https://github.com/octocat/Hello-World/issues/1347",
                  "created_at": "2026-12-01T09:00:00Z", "updated_at": "2026-12-01T09:00:00Z" }
                """));

        var page = await browser.NewPageAsync();
        await page.OpenAsync("admin/trackers");
        await page.Locator("input[data-testid=tracker-name]").FillAsync("browser-gh");
        await page.Locator("input[data-testid=tracker-project]").FillAsync("octocat/Hello-World");
        await page.Locator("input[data-testid=tracker-base-url]").FillAsync(github.Url!);
        await page.Locator("[data-testid=tracker-connect]").ClickAsync();
        var row = page.Locator("[data-testid=trackers-table] tr", new() { HasTextString = "browser-gh" });
        await Expect(row).ToContainTextAsync("octocat/Hello-World");
        await Expect(row.Locator("[data-testid=tracker-settings]")).ToContainTextAsync("token set");
        await page.ScreenshotAsync("trackers-desktop");
        var phone = await browser.NewPageAsync(width: 390, height: 844);
        await phone.OpenAsync("admin/trackers");
        await Expect(phone.Locator("[data-testid=trackers-table]")).ToContainTextAsync("browser-gh");
        await phone.ScreenshotAsync("trackers-phone");
        Assert.False(await phone.ScrollsSidewaysAsync());

        var services = browser.Services;
        var incident = await services.GetRequiredService<IncidentCommands>().CreateAsync(Owner, new IncidentInput
        {
            Title = "Tracker sync check", Organisation = "Shop", Summary = "Follow-ups go to GitHub.", Started = "2026-11-30 10:00",
        });
        Assert.True(incident.Succeeded);
        var action = await services.GetRequiredService<ActionCommands>().CreateAsync(Owner, incident.Id!.Value, new ActionInput { Title = "Add a canary stage" });
        Assert.True(action.Succeeded);

        await page.OpenAsync($"incidents/{incident.Key}?tab=actions");
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit Add a canary stage" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("[data-testid=tracker-open-browser-gh]").ClickAsync();

        var link = dialog.Locator("[data-testid=tracker-issue-link]");
        await Expect(link).ToHaveTextAsync("#1347");
        await Expect(link).ToHaveAttributeAsync("href", "https://github.com/octocat/Hello-World/issues/1347");
        await page.ScreenshotAsync("tracker-issue-desktop");
        Assert.Single(github.LogEntries);

        var onPhone = await browser.NewPageAsync(width: 390, height: 844);
        await onPhone.OpenAsync($"incidents/{incident.Key}?tab=actions");
        // The action's row links to the issue too: the issue's address became its tracker link.
        await Expect(onPhone.Locator("a[aria-label='Open in tracker']")).ToHaveAttributeAsync("href", "https://github.com/octocat/Hello-World/issues/1347");
        await onPhone.GetByRole(AriaRole.Button, new() { Name = "Edit Add a canary stage" }).ClickAsync();
        await Expect(onPhone.GetByRole(AriaRole.Dialog).Locator("[data-testid=tracker-issue-link]")).ToHaveTextAsync("#1347");
        await onPhone.ScreenshotAsync("tracker-issue-phone");
        Assert.False(await onPhone.ScrollsSidewaysAsync());
    }
}
