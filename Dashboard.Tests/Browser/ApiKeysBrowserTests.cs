using System.Net;
using System.Net.Http.Headers;
using Dashboard.Data.Door;
using Dashboard.Data.Identity;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ApiKeysBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_user_makes_a_key_on_the_profile_sees_it_once_uses_it_and_revokes_it()
    {
        var created = await browser.Services.GetRequiredService<UserCommands>().CreateAsync(Actor.System, new NewUserInput
        {
            Email = "kira.keys@example.com", DisplayName = "Kira Keys", Role = Role.Responder, Password = "kira's long password", MustChangePassword = false,
        });
        Assert.True(created.Succeeded);
        var page = await browser.NewPageAsync(state: await browser.SignInStateAsync("kira.keys@example.com", "kira's long password"));
        await page.GotoAsync("account/profile");
        await Expect(page.Locator("[data-testid=api-key-none]")).ToBeVisibleAsync();
        // Only roles up to her own are offered.
        Assert.Equal(["Viewer", "Responder"], await page.Locator("[data-testid=api-key-role] option").AllInnerTextsAsync());

        await page.Locator("[data-testid=api-key-name]").FillAsync("deploy bot");
        await page.Locator("[data-testid=api-key-role]").SelectOptionAsync("Responder");
        await page.Locator("[data-testid=api-key-submit]").ClickAsync();
        var secret = page.Locator("[data-testid=api-key-secret]");
        await Expect(secret).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^ib_[a-z0-9]{8}_[A-Za-z0-9]{43}$"));
        var key = await secret.InnerTextAsync();
        await Expect(page.Locator("[data-testid=api-key-row]")).ToContainTextAsync("deploy bot");
        await Expect(page.Locator("[data-testid=profile-name]")).ToHaveValueAsync("Kira Keys");
        await page.ScreenshotAsync("api-keys-profile-created");

        using var client = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/v1/me")).StatusCode);

        await page.GotoAsync("account/profile");
        await Expect(page.Locator("[data-testid=api-key-secret]")).ToHaveCountAsync(0);
        Assert.DoesNotContain(key[12..], await page.ContentAsync());
        await Expect(page.Locator("[data-testid=api-key-row]")).ToContainTextAsync("last used");

        var phone = await browser.NewPageAsync(width: 390, height: 844, state: await browser.SignInStateAsync("kira.keys@example.com", "kira's long password"));
        await phone.GotoAsync("account/profile");
        await phone.Locator("#api-keys").ScrollIntoViewIfNeededAsync();
        await phone.ScreenshotAsync("api-keys-profile-phone");
        Assert.False(await phone.ScrollsSidewaysAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke deploy bot" }).ClickAsync();
        await Expect(page.Locator(".account-note")).ToContainTextAsync("Key revoked");
        await Expect(page.Locator("[data-testid=api-key-state]")).ToHaveTextAsync("revoked");
        await page.ScreenshotAsync("api-keys-profile-revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("api/v1/me")).StatusCode);
    }
}
