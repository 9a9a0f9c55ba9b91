using System.Diagnostics;
using System.Text.RegularExpressions;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using Dashboard.Ui.Kit;

namespace Dashboard.Tests.Cluster;

/// <summary>Two app instances on real ports over one PostgreSQL database, and Debian's Chromium.</summary>
public sealed class TwoInstances : IAsyncLifetime
{
    private string _database = "";
    private AppFactory _a = default!, _b = default!;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;
    public string UrlA { get; private set; } = "";
    public string UrlB { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _database = await PostgresServer.CreateEmptyAsync();
        _a = new AppFactory { Store = DatabaseProvider.PostgreSQL, PostgresConnectionString = _database };
        _b = new AppFactory { Store = DatabaseProvider.PostgreSQL, PostgresConnectionString = _database };
        UrlA = Start(_a);
        UrlB = Start(_b);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.FindChromium(), Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
        });
    }

    private static string Start(AppFactory app)
    {
        app.UseKestrel(0);
        app.StartServer();
        return AppFactory.ListeningUrl(app.Services);
    }

    public async Task<IPage> PageAsync(string baseUrl, string? state = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, StorageState = state, ViewportSize = new() { Width = 1400, Height = 1000 } });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await PostgresServer.DropAsync(_database);
    }
}

public sealed class ClusterBrowserTests(TwoInstances cluster, ITestOutputHelper output) : IClassFixture<TwoInstances>
{
    private const string Cloudflare = "incidents/2025-11-18-cloudflare-bot-management";

    /// <summary>Signs in through instance A's form and returns the browser's cookies.</summary>
    private async Task<string> SignInOnAAsync()
    {
        var page = await cluster.PageAsync(cluster.UrlA);
        await page.GotoAsync("account/login");
        await page.Locator("[data-testid=login-email]").FillAsync(AppFactory.OwnerEmail);
        await page.Locator("[data-testid=login-password]").FillAsync(AppFactory.OwnerPassword);
        await page.Locator("[data-testid=login-submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        var state = await page.Context.StorageStateAsync();
        await page.Context.CloseAsync();
        return state;
    }

    private static async Task OpenTimelineAsync(IPage page)
    {
        await page.OpenAsync(Cloudflare);
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Timeline") }).ClickAsync();
        await Expect(page.Locator("[data-testid=timeline-chart] .main-svg").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task A_sign_in_cookie_from_one_instance_is_accepted_by_the_other()
    {
        var state = await SignInOnAAsync();

        // Cookies are scoped to the host, not the port: the browser sends A's cookie to B.
        var page = await cluster.PageAsync(cluster.UrlB, state);
        await page.OpenAsync(Cloudflare);

        Assert.DoesNotContain("/account/login", page.Url);
        await Expect(page).ToHaveTitleAsync(new Regex("Bot Management"));
        await Expect(page.Locator("[data-testid=user-menu]")).ToContainTextAsync(AppFactory.OwnerName); // signed in as the owner on B
        await page.ScreenshotAsync("cluster-b-with-cookie-from-a");
    }

    [Fact]
    public async Task An_event_added_on_one_instance_appears_on_the_other_without_a_reload()
    {
        var state = await SignInOnAAsync();
        var viewer = await cluster.PageAsync(cluster.UrlB, state);
        await OpenTimelineAsync(viewer);
        var editor = await cluster.PageAsync(cluster.UrlA, state);
        await OpenTimelineAsync(editor);

        await editor.Locator("[data-testid=add-event]").ClickAsync();
        var dialog = editor.GetByRole(AriaRole.Dialog);
        await dialog.Locator("input[data-testid=event-time]").FillAsync("14:42");
        await dialog.Locator("textarea[data-testid=event-text]").FillAsync("Cluster test: written on instance A");
        var clock = Stopwatch.StartNew();
        await dialog.Locator("[data-testid=event-save]").ClickAsync();

        var row = viewer.Locator("[data-testid=event-row]", new() { HasTextString = "Cluster test: written on instance A" });
        await Expect(row).ToHaveCountAsync(1);
        output.WriteLine($"seen on instance B {clock.ElapsedMilliseconds} ms after the click on A (includes the save)");
        await Expect(row).ToContainTextAsync("14:42");
        await viewer.ScreenshotAsync("cluster-b-sees-event-from-a");
    }
}
