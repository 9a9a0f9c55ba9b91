using Dashboard.Data.Identity;
using Dashboard.Data.Incidents;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Dashboard.Ui.Kit;
using Dashboard.Api;

namespace Dashboard.Tests.Browser;

/// <summary>Private incidents, incident roles and "My work", driven through the pages. Each test makes its own incident: the app is shared by the collection.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PeopleBrowserTests(BrowserFixture browser)
{
    private static readonly Actor Owner = Actor.Person(AppFactory.OwnerEmail, Role.Owner);

    private async Task<(string Slug, IAsyncDisposable Cleanup)> DeclareAsync(string title, bool isPrivate)
    {
        var commands = browser.Services.GetRequiredService<IncidentCommands>();
        var created = await commands.CreateAsync(Owner, new IncidentInput
        {
            Title = title, Organisation = "Example Corp", Summary = "Made by a browser test.", Started = "2019-03-01 08:00", IsPrivate = isPrivate,
        });
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Values));
        // Deleted afterwards: other tests count the seeded incidents on the review page.
        return (created.Key!, new Cleanup(() => browser.Services.GetRequiredService<IncidentQueries>().GetAsync(Actor.System, created.Key!)
            .ContinueWith(async d => { if (d.Result is { } i) await commands.DeleteAsync(Actor.System, i.Id, i.Version); }).Unwrap()));
    }

    private sealed class Cleanup(Func<Task> run) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await run();
    }

    private async Task<IPage> SignedInAsAsync(string email, string name, Role role)
    {
        var created = await browser.Services.GetRequiredService<UserCommands>().CreateAsync(Owner, new NewUserInput
        {
            Email = email, DisplayName = name, Role = role, Password = "a long enough password", MustChangePassword = false,
        });
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Values));
        return await browser.NewPageAsync(state: await browser.SignInStateAsync(email, "a long enough password"));
    }

    [Fact]
    public async Task A_private_incident_is_hidden_from_a_viewer_until_they_are_made_a_member()
    {
        var (slug, cleanup) = await DeclareAsync("Leaked deploy key", isPrivate: true);
        await using var _ = cleanup;
        var viewer = await SignedInAsAsync("val.viewer@example.com", "Val Viewer", Role.Viewer);

        await viewer.OpenAsync("incidents?search=Leaked");
        await Expect(viewer.GetByText("Leaked deploy key")).ToHaveCountAsync(0);
        await viewer.GotoAsync($"incidents/{slug}");
        await Expect(viewer.Locator("[data-testid=incident-title]")).ToHaveCountAsync(0);

        var owner = await browser.NewPageAsync();
        await owner.OpenAsync($"incidents/{slug}");
        await Expect(owner.Locator("[data-testid=private-badge]")).ToBeVisibleAsync();
        await owner.Locator("[data-testid=add-member]").ClickAsync();
        await owner.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Val Viewer" }).ClickAsync();
        await Expect(owner.Locator("[data-testid=incident-people] .mud-chip", new() { HasTextString = "Val Viewer" })).ToBeVisibleAsync();
        await owner.ScreenshotAsync("people-private-desktop");

        await viewer.OpenAsync($"incidents/{slug}");
        await Expect(viewer.Locator("[data-testid=incident-title]")).ToHaveTextAsync("Leaked deploy key");
        await Expect(viewer.Locator("[data-testid=private-badge]")).ToBeVisibleAsync();
        // A viewer sees who takes part, but has no controls to change it.
        await Expect(viewer.Locator("[data-testid=add-member]")).ToHaveCountAsync(0);

        var phone = await browser.NewPageAsync(width: 390, height: 844);
        await phone.OpenAsync($"incidents/{slug}");
        await Expect(phone.Locator("[data-testid=incident-people]")).ToBeVisibleAsync();
        await phone.ScreenshotAsync("people-private-phone");
        Assert.False(await phone.ScrollsSidewaysAsync());
    }

    [Fact]
    public async Task The_commander_chosen_on_the_page_shows_in_the_header_and_in_their_work()
    {
        var (slug, cleanup) = await DeclareAsync("Checkout errors after deploy", isPrivate: false);
        await using var _ = cleanup;
        var page = await browser.NewPageAsync();
        await page.OpenAsync($"incidents/{slug}");
        await page.Locator("[data-testid=role-Commander]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = AppFactory.OwnerName }).ClickAsync();
        await Expect(page.Locator("[data-testid=commander]")).ToContainTextAsync($"Commander: {AppFactory.OwnerName}");

        await page.OpenAsync("my-work");
        await Expect(page.Locator("[data-testid=my-incidents]")).ToContainTextAsync("Checkout errors after deploy");
        await Expect(page.Locator("[data-testid=my-incidents]")).ToContainTextAsync("Incident commander");
        await page.ScreenshotAsync("my-work-desktop");

        var phone = await browser.NewPageAsync(width: 390, height: 844);
        await phone.OpenAsync("my-work");
        await Expect(phone.Locator("[data-testid=my-incidents]")).ToContainTextAsync("Checkout errors after deploy");
        await phone.ScreenshotAsync("my-work-phone");
        Assert.False(await phone.ScrollsSidewaysAsync());
    }
}
