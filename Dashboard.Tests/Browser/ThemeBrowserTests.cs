using Dashboard.Data.Identity;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Dashboard.Api;

namespace Dashboard.Tests.Browser;

/// <summary>Dark mode: the device's setting by default, a switch in the app bar, the choice kept in the profile.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ThemeBrowserTests(BrowserFixture browser)
{
    private const string Password = "a theme tester's password";

    [Fact]
    public async Task The_theme_follows_the_device_until_chosen_and_the_choice_survives_a_reload()
    {
        // Its own account, so the owner's theme (which the other browser tests see) is left alone.
        await using (var scope = browser.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<UserCommands>().CreateAsync(Actor.System,
                new NewUserInput { Email = "theo.theme@example.com", DisplayName = "Theo Theme", Password = Password, Role = Role.Viewer, MustChangePassword = false });
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Values));
        }
        var state = await browser.SignInStateAsync("theo.theme@example.com", Password);
        var page = await browser.NewPageAsync(state: state);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await page.OpenAsync("incidents");
        var theme = page.Locator("[data-theme-ready=yes]");
        await Expect(theme).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(theme).ToHaveAttributeAsync("data-theme-choice", "system");

        await page.Locator("[data-testid=theme-menu] button").ClickAsync();
        await page.Locator("[data-testid=theme-light]").ClickAsync();
        await Expect(theme).ToHaveAttributeAsync("data-theme", "light");
        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.mud-main-content')).backgroundColor");

        await page.ReloadAsync();
        await page.Locator("[data-render-mode=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(theme).ToHaveAttributeAsync("data-theme", "light");
        await Expect(theme).ToHaveAttributeAsync("data-theme-choice", "light");
        Assert.Equal(background, await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.mud-main-content')).backgroundColor"));

        await page.Locator("[data-testid=theme-menu] button").ClickAsync();
        await page.Locator("[data-testid=theme-system]").ClickAsync();
        await Expect(theme).ToHaveAttributeAsync("data-theme", "dark");
        await page.ReloadAsync();
        await Expect(page.Locator("[data-theme-ready=yes]")).ToHaveAttributeAsync("data-theme-choice", "system");
    }
}
