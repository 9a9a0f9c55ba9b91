using Dashboard.Data.Identity;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Dashboard.Api;

namespace Dashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SignInBrowserTests(BrowserFixture browser)
{
    private const string Cloudflare = "incidents/2025-11-18-cloudflare-bot-management";
    private const string Password = "a long test password";

    /// <summary>A user of the given role, made through the door as the owner would on the users page.</summary>
    private async Task<(string Id, string State)> UserAsync(string email, string name, Role role)
    {
        var owner = Actor.Person(AppFactory.OwnerEmail, Role.Owner);
        var created = await browser.Services.GetRequiredService<UserCommands>().CreateAsync(owner,
            new NewUserInput { Email = email, DisplayName = name, Role = role, Password = Password, MustChangePassword = false });
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Values));
        var id = (await browser.Services.GetRequiredService<UserQueries>().ListAsync()).Single(u => u.Email == email).Id;
        return (id, await browser.SignInStateAsync(email, Password));
    }

    [Fact]
    public async Task Signing_in_returns_to_the_page_asked_for_and_signing_out_ends_the_session()
    {
        var page = await browser.NewPageAsync(signedIn: false);
        await page.GotoAsync("actions");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("account/login\\?ReturnUrl=%2Factions$"));
        await page.ScreenshotAsync("sign-in");
        await page.Locator("[data-testid=login-email]").FillAsync(AppFactory.OwnerEmail);
        await page.Locator("[data-testid=login-password]").FillAsync("wrong password here");
        await page.Locator("[data-testid=login-submit]").ClickAsync();
        await Expect(page.Locator("[data-testid=account-error]")).ToHaveTextAsync("Wrong email or password.");

        await page.Locator("[data-testid=login-password]").FillAsync(AppFactory.OwnerPassword);
        await page.Locator("[data-testid=login-submit]").ClickAsync();
        await page.WaitForURLAsync("**/actions");
        await page.Locator("[data-render-mode=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Locator("[data-testid=user-menu] button").First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open")).ToContainTextAsync("Profile");
        await page.ScreenshotAsync("user-menu");
        await page.Locator("[data-testid=sign-out]").ClickAsync();

        await page.WaitForURLAsync("**/account/login");
        await page.GotoAsync("incidents");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("account/login"));
    }

    [Fact]
    public async Task A_viewer_reads_the_Cloudflare_incident_with_no_edit_controls()
    {
        var (_, state) = await UserAsync("vera.viewer@example.com", "Vera Viewer", Role.Viewer);
        var page = await browser.NewPageAsync(state: state);
        await page.OpenAsync(Cloudflare);

        await Expect(page.Locator("[data-testid=incident-title]")).ToContainTextAsync("Bot Management");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Edit", Exact = true })).ToBeDisabledAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true })).ToBeDisabledAsync();
        Assert.Equal("Your role (Viewer) may not do this; it needs Responder or above.",
            await page.Locator(".role-gate").First.GetAttributeAsync("title"));
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Timeline") }).ClickAsync();
        await Expect(page.Locator("[data-testid=add-event]")).ToBeDisabledAsync();
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Actions") }).ClickAsync();
        await Expect(page.Locator("[data-testid=add-action]")).ToBeDisabledAsync();
        await Expect(page.Locator("[data-testid=move-action]")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("incident-as-viewer");
    }

    [Fact]
    public async Task A_responder_adds_an_event_and_is_shown_as_its_author()
    {
        var (_, state) = await UserAsync("rami.responder@example.com", "Rami Responder", Role.Responder);
        var page = await browser.NewPageAsync(state: state);
        await page.OpenAsync("incidents/2025-10-20-aws-us-east-1-dynamodb-dns?tab=timeline");

        await page.Locator("[data-testid=add-event]").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("input[data-testid=event-time]").FillAsync("2025-10-20 07:10");
        await dialog.Locator("textarea[data-testid=event-text]").FillAsync("Responder check-in from the browser test");
        await dialog.Locator("[data-testid=event-save]").ClickAsync();

        var row = page.Locator("[data-testid=event-row]", new() { HasTextString = "Responder check-in from the browser test" });
        await Expect(row).ToContainTextAsync("Rami Responder");
    }

    [Fact]
    public async Task A_disabled_users_open_page_loses_access_at_the_next_revalidation()
    {
        var (id, state) = await UserAsync("dora.disabled@example.com", "Dora", Role.Responder);
        var page = await browser.NewPageAsync(state: state);
        await page.OpenAsync("actions");

        var owner = Actor.Person(AppFactory.OwnerEmail, Role.Owner);
        Assert.True((await browser.Services.GetRequiredService<UserCommands>().SetDisabledAsync(owner, id, true)).Succeeded);

        // The fixture revalidates every 2 s; the expectation's own timeout bounds the wait.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("account/login"), new() { Timeout = 15_000 });
        await page.Locator("[data-testid=login-email]").FillAsync("dora.disabled@example.com");
        await page.Locator("[data-testid=login-password]").FillAsync(Password);
        await page.Locator("[data-testid=login-submit]").ClickAsync();
        // The same answer as a wrong password: the form does not tell a stranger that this account exists.
        await Expect(page.Locator("[data-testid=account-error]")).ToHaveTextAsync("Wrong email or password.");
    }

    [Fact]
    public async Task The_first_visit_to_a_new_install_creates_the_owner_account()
    {
        await using var app = new AppFactory { Bootstrap = false };
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = AppFactory.ListeningUrl(app.Services);
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
        var page = await context.NewPageAsync();

        await page.GotoAsync("");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("account/setup$"));
        await page.Locator("[data-testid=setup-email]").FillAsync("first@example.com");
        await page.Locator("[data-testid=setup-name]").FillAsync("First Owner");
        await page.Locator("[data-testid=setup-password]").FillAsync("the first password ever");
        await page.Locator("[data-testid=setup-confirm]").FillAsync("the first password ever");
        await page.ScreenshotAsync("first-run");
        await page.Locator("[data-testid=setup-submit]").ClickAsync();

        await page.Locator("[data-render-mode=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.Locator("[data-testid=user-menu]")).ToContainTextAsync("First Owner");
        await page.GotoAsync("account/setup");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("account/login"));
    }
}
