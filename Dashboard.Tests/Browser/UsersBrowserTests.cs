using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Dashboard.Api;

namespace Dashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class UsersBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_owner_adds_a_user_who_must_change_the_temporary_password_at_first_sign_in()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("users");
        await page.Locator("[data-testid=add-user]").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("input[data-testid=new-user-email]").FillAsync("nina.new@example.com");
        await dialog.Locator("input[data-testid=new-user-name]").FillAsync("Nina New");
        await dialog.Locator("[data-testid=new-user-save]").ClickAsync();

        var shown = page.GetByRole(AriaRole.Dialog, new() { Name = "Temporary password" });
        await Expect(shown).ToContainTextAsync("Give nina.new@example.com this password:");
        var password = System.Text.RegularExpressions.Regex.Match(await shown.InnerTextAsync(), "password: (\\S{16})").Groups[1].Value;
        await shown.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(page.Locator("tr.user-row", new() { HasTextString = "nina.new@example.com" })).ToContainTextAsync("temporary password");
        await page.ScreenshotAsync("users-desktop");
        var phone = await browser.NewPageAsync(width: 390, height: 844);
        await phone.OpenAsync("users");
        await phone.ScreenshotAsync("users-phone");
        Assert.False(await phone.ScrollsSidewaysAsync());

        var nina = await browser.NewPageAsync(signedIn: false);
        await nina.GotoAsync("account/login");
        await nina.Locator("[data-testid=login-email]").FillAsync("nina.new@example.com");
        await nina.Locator("[data-testid=login-password]").FillAsync(password);
        await nina.Locator("[data-testid=login-submit]").ClickAsync();
        await nina.WaitForURLAsync("**/account/password");
        await nina.Locator("[data-testid=password-current]").FillAsync(password);
        await nina.Locator("[data-testid=password-new]").FillAsync("nina's own long password");
        await nina.Locator("[data-testid=password-confirm]").FillAsync("nina's own long password");
        await nina.ScreenshotAsync("change-password");
        await nina.Locator("[data-testid=password-submit]").ClickAsync();
        await nina.Locator("[data-render-mode=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(nina.Locator("[data-testid=user-menu]")).ToContainTextAsync("Nina New");

        await nina.GotoAsync("account/profile");
        await nina.Locator("[data-testid=profile-name]").FillAsync("Nina N.");
        await nina.Locator("[data-testid=profile-zone]").SelectOptionAsync("Europe/Berlin");
        await nina.Locator("[data-testid=profile-submit]").ClickAsync();
        await Expect(nina.Locator(".account-note")).ToHaveTextAsync("Saved.");
        await nina.ScreenshotAsync("profile");
    }

    [Fact]
    public async Task A_responder_cannot_open_the_users_page_or_the_audit_trail()
    {
        var owner = Dashboard.Data.Kernel.Actor.Person(AppFactory.OwnerEmail, Dashboard.Data.Kernel.Role.Owner);
        var created = await browser.Services.GetRequiredService<Dashboard.Data.Identity.UserCommands>().CreateAsync(owner, new Dashboard.Data.Identity.NewUserInput
        {
            Email = "rex.responder@example.com", DisplayName = "Rex", Role = Dashboard.Data.Kernel.Role.Responder, Password = "rex's long password", MustChangePassword = false,
        });
        Assert.True(created.Succeeded);
        var page = await browser.NewPageAsync(state: await browser.SignInStateAsync("rex.responder@example.com", "rex's long password"));

        foreach (var path in new[] { "users", "audit" })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByText("Your role does not open this page.")).ToBeVisibleAsync();
        }
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);
    }
}
