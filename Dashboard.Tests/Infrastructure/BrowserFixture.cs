using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// The app on a real port on 127.0.0.1 (Kestrel inside WebApplicationFactory) and Debian's
/// Chromium driven by Playwright. No browser download: the executable comes from PATH or CHROMIUM_PATH.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly string ScreenshotDir = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>The seed folder by a long path, as in a deep checkout: /status shows it, and must wrap it on a phone wherever this checkout lives.</summary>
    private readonly DeepFolder _seed = DeepFolder.LinkTo(RepoPaths.SeedData);
    private readonly AppFactory _app;

    public BrowserFixture()
    {
        // A short revalidation, so a test can see a disabled user's open page lose access.
        // Webhook receivers in tests listen on loopback, and the delivery worker polls often so the log fills promptly.
        _app = new()
        {
            SeedDirectory = _seed.Path,
            Settings =
            {
                ["Auth:RevalidationInterval"] = "00:00:02", ["Webhooks:AllowPrivateNetworks"] = "true", ["Webhooks:PollInterval"] = "00:00:00.200",
                // The tracker test's connection (its GitHub is a local WireMock server), and a worker that polls as often as the webhooks'.
                ["Trackers:Credentials:browser-gh:Token"] = "ghp_browser_test", ["Trackers:PollInterval"] = "00:00:00.200",
            },
        };
    }

    /// <summary>The seed folder's (long) path, as the app was given it.</summary>
    public string SeedDirectory => _seed.Path;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;
    /// <summary>The app's services and database file, for tests that prepare data through the same door the UI uses, or that the UI cannot make (a damaged row).</summary>
    public IServiceProvider Services => _app.Services;
    public string DatabasePath => _app.DatabasePath;
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _app.UseKestrel(0);
        _app.StartServer();
        BaseUrl = AppFactory.ListeningUrl(_app.Services);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = FindChromium(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
        });
        Directory.CreateDirectory(ScreenshotDir);
        _ownerState = await SignInStateAsync(AppFactory.OwnerEmail, AppFactory.OwnerPassword);
    }

    private string? _ownerState;

    /// <summary>Signs in through the real form once and keeps the cookies, so each test's context starts signed in without repeating it.</summary>
    public async Task<string> SignInStateAsync(string email, string password)
    {
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("account/login");
        await page.Locator("[data-testid=login-email]").FillAsync(email);
        await page.Locator("[data-testid=login-password]").FillAsync(password);
        await page.Locator("[data-testid=login-submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        return await context.StorageStateAsync();
    }

    /// <summary>
    /// A fresh browser context (its own circuit) with one page at the given width, signed in as the
    /// owner unless another sign-in state is given (<see cref="SignInStateAsync"/>) or <paramref name="signedIn"/> is false.
    /// </summary>
    public async Task<IPage> NewPageAsync(int width = 1400, int height = 1000, bool signedIn = true, string? state = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            StorageState = signedIn ? state ?? _ownerState : null,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            TimezoneId = "Europe/Berlin", // not UTC on purpose: the page must still show UTC
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await _app.DisposeAsync();
        _seed.Dispose();
    }

    internal static string FindChromium()
    {
        if (Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured) return configured;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            foreach (var name in new[] { "chromium", "chromium-browser" })
                if (File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
        throw new InvalidOperationException("Chromium not found: install Debian's chromium (scripts/test.sh does) or set CHROMIUM_PATH.");
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

public static class PageExtensions
{
    /// <summary>Navigates and waits until the Blazor circuit has rendered the page interactively.</summary>
    public static async Task OpenAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("[data-render-mode=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    /// <summary>True when the page is wider than the window: the narrow-width tests fail on it.</summary>
    public static Task<bool> ScrollsSidewaysAsync(this IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");

    /// <summary>
    /// Waits until Blazor has wired the InputFile (it sets _blazorInputFileNextFileId on the element):
    /// files set before that are never seen by the server.
    /// </summary>
    public static Task WaitForInputFileAsync(this IPage page, string selector) =>
        page.WaitForFunctionAsync($"() => document.querySelector({System.Text.Json.JsonSerializer.Serialize(selector)})?._blazorInputFileNextFileId !== undefined");

    /// <summary>
    /// Waits until MudBlazor's transitions (dialogs fading in, popovers, ripples) have finished, so a
    /// check of colours reads the final ones and not a half-faded frame.
    /// </summary>
    public static Task SettleAsync(this IPage page) =>
        page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)");

    /// <summary>
    /// Types at the end of the postmortem editor as a person would. The editor is read-only until its
    /// script is attached, so this waits for it to become editable first.
    /// </summary>
    public static async Task TypeAtEndOfEditorAsync(this IPage page, string text)
    {
        var editor = page.Locator("[data-testid=postmortem-editor]");
        await Assertions.Expect(editor).ToBeEditableAsync();
        await editor.FocusAsync();
        await editor.PressAsync("Control+End");
        await page.Keyboard.InsertTextAsync(text);
        await page.Keyboard.PressAsync("Space"); // a real key event, so the editor sees typing
    }

    /// <summary>A close-up of one element, to look at next to the full-page screenshot.</summary>
    public static Task CloseUpAsync(this ILocator element, string name) =>
        element.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, name + ".png") });

    public static Task ScreenshotAsync(this IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, name + ".png"), FullPage = true });
}
