using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>
/// The app on a real port with single sign-on against an <see cref="OidcProvider"/> on another
/// loopback port, and Chromium: the browser makes every redirect of the flow itself.
/// </summary>
public sealed class OidcBrowserFixture : IAsyncLifetime
{
    private AppFactory _app = default!, _firstRun = default!;
    private IPlaywright? _playwright;

    public OidcProvider Provider { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;
    /// <summary>The app with its bootstrap owner, and password sign-in beside single sign-on.</summary>
    public string BaseUrl { get; private set; } = "";
    /// <summary>A second app with no users yet and local accounts off: single sign-on makes the owner.</summary>
    public string FirstRunUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Provider = await OidcProvider.StartAsync(
            new ProviderUser("ada", "ada.admin@example.com", true, "Ada Admin", "staff", "incident-admins"),
            new ProviderUser("val", "val.viewer@example.com", true, "Val Viewer", "staff"),
            new ProviderUser("fay", "fay.first@example.com", true, "Fay First", "staff"));
        (_app, BaseUrl) = Start(new AppFactory { Settings = OidcApp.Settings(Provider) });
        (_firstRun, FirstRunUrl) = Start(new AppFactory { Bootstrap = false, Settings = OidcApp.Settings(Provider, localAccounts: false) });
        await Provider.RegisterClientAsync(BaseUrl + "signin-oidc", FirstRunUrl + "signin-oidc");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.FindChromium(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
        });
        Directory.CreateDirectory(BrowserFixture.ScreenshotDir);
    }

    private static (AppFactory, string) Start(AppFactory app)
    {
        app.UseKestrel(0);
        app.StartServer();
        return (app, AppFactory.ListeningUrl(app.Services));
    }

    public async Task<IPage> NewPageAsync(int width = 1400, int height = 1000, string? baseUrl = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl ?? BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = height } });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await _app.DisposeAsync();
        await _firstRun.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

public sealed class OidcBrowserTests(OidcBrowserFixture browser) : IClassFixture<OidcBrowserFixture>
{
    [Theory]
    [InlineData(1400, "ada", "Ada Admin · Admin")]
    [InlineData(390, "val", "Val Viewer · Viewer")]
    public async Task Signing_in_with_the_provider_goes_through_its_page_and_arrives_signed_in_with_the_mapped_role(int width, string subject, string menu)
    {
        var page = await browser.NewPageAsync(width, 900);
        await page.GotoAsync("actions");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("account/login\\?ReturnUrl=%2Factions$"));
        await page.ScreenshotAsync($"oidc-sign-in-{width}");

        await page.Locator("[data-testid=oidc-sign-in]").ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(browser.Provider.Authority + "login", StringComparison.Ordinal));
        await page.ScreenshotAsync($"oidc-provider-{width}");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Sign in as {browser.Provider.Users[subject].Name}" }).ClickAsync();

        await page.WaitForURLAsync(url => url.StartsWith(browser.BaseUrl + "actions", StringComparison.Ordinal));
        await page.Locator("[data-render-mode=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.Locator("[data-testid=user-menu]")).ToContainTextAsync(menu);
        // The window only: the actions list is long, and the app bar with the user menu is what this shows.
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, $"oidc-signed-in-{width}.png") });
    }

    [Fact]
    public async Task On_a_new_install_without_passwords_the_first_person_through_the_provider_becomes_the_owner()
    {
        var page = await browser.NewPageAsync(390, 800, browser.FirstRunUrl);
        await page.GotoAsync("");
        await Expect(page).ToHaveURLAsync(browser.FirstRunUrl + "account/setup");
        await Expect(page.Locator("[data-testid=setup-password]")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("oidc-first-run-390");

        await page.Locator("[data-testid=oidc-sign-in]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as Fay First" }).ClickAsync();

        await page.WaitForURLAsync(browser.FirstRunUrl);
        await page.Locator("[data-render-mode=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.Locator("[data-testid=user-menu]")).ToContainTextAsync("Fay First · Owner");

        // Signed out, the sign-in page offers only the provider.
        var other = await browser.NewPageAsync(1400, 900, browser.FirstRunUrl);
        await other.GotoAsync("account/login");
        await Expect(other.Locator("[data-testid=oidc-sign-in]")).ToBeVisibleAsync();
        await Expect(other.Locator("[data-testid=login-password]")).ToHaveCountAsync(0);
        await other.ScreenshotAsync("oidc-only-sign-in-1400");
    }
}
