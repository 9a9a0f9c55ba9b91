using System.Net;
using System.Net.Http.Headers;
using Dashboard.Data.Identity;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Dashboard.Api;

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

    [Fact]
    public async Task An_admin_sees_every_key_and_revokes_one_and_the_api_reference_renders()
    {
        var made = await browser.Services.GetRequiredService<Dashboard.Data.ApiKeys.ApiKeyCommands>().CreateAsync(Actor.System,
            new Dashboard.Data.ApiKeys.ApiKeyInput { Name = "alertmanager", Role = Role.Responder, OwnerEmail = AppFactory.OwnerEmail });
        Assert.True(made.Result.Succeeded);
        var page = await browser.NewPageAsync();
        await page.OpenAsync("admin/api-keys");
        var row = page.Locator("tr", new() { HasTextString = "alertmanager" });
        await Expect(row).ToContainTextAsync("active");
        await page.ScreenshotAsync("api-keys-admin");
        var phone = await browser.NewPageAsync(width: 390, height: 844);
        await phone.OpenAsync("admin/api-keys");
        await Expect(phone.Locator("tr", new() { HasTextString = "alertmanager" })).ToBeVisibleAsync();
        await phone.ScreenshotAsync("api-keys-admin-phone");
        Assert.False(await phone.ScrollsSidewaysAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = $"Revoke alertmanager of {AppFactory.OwnerEmail}" }).ClickAsync();
        await Expect(row).ToContainTextAsync("revoked");

        var docs = await browser.NewPageAsync();
        var blocked = new List<string>();
        docs.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) blocked.Add(message.Text); };
        await docs.GotoAsync("api/docs");
        // Scalar draws the document's title and its operations from /openapi/v1.json, client-side.
        await Expect(docs.GetByRole(AriaRole.Heading, new() { Name = "IncidentBoard API" }).First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(docs.GetByText("Timeline events").First).ToBeVisibleAsync();
        await docs.ScreenshotAsync("api-docs");
        Assert.Empty(blocked);
    }
}
