using System.Diagnostics;
using Microsoft.Playwright;

namespace Dashboard.Benchmarks;

/// <summary>Times the review page in Chromium: navigation to KPIs shown and all three trend charts drawn.</summary>
public static class ReviewBrowserBench
{
    public static async Task MeasureAsync(string appDll, string databasePath, int runs)
    {
        Console.WriteLine();
        Console.WriteLine("review page, all time, in Chromium: navigation → interactive with KPIs and the three charts drawn (target < 2 s)");
        await BenchAccount.EnsureAsync(appDll, databasePath); // every page asks for sign-in
        await using var app = await AppProcess.StartAsync(appDll, databasePath);
        // One request first, as any earlier visitor would have made: run 1 then measures a browser
        // with an empty cache rather than the server's one-time start-up (JIT, EF query compilation).
        using (var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) })
        {
            var warm = Stopwatch.StartNew();
            await http.GetStringAsync("review?period=AllTime");
            Console.WriteLine($"  the server's first /review response (prerendered HTML, cold server): {warm.ElapsedMilliseconds} ms");
        }
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BenchBrowser.LaunchAsync(playwright);
        var signedIn = await BenchAccount.SignInAsync(browser, app.BaseUrl);
        var context = await browser.NewContextAsync(new() { BaseURL = app.BaseUrl, StorageState = signedIn, ViewportSize = new() { Width = 1400, Height = 1000 } });
        for (var run = 1; run <= runs; run++)
        {
            var page = await context.NewPageAsync();
            var clock = Stopwatch.StartNew();
            await page.GotoAsync("review?period=AllTime");
            await page.Locator("[data-render-mode=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            var interactive = clock.Elapsed;
            await page.Locator("[data-testid=chart-actions] .main-svg").First.WaitForAsync(new() { Timeout = 30_000 });
            await page.Locator("[data-testid=chart-incidents] .main-svg").First.WaitForAsync();
            await page.Locator("[data-testid=chart-resolve] .main-svg").First.WaitForAsync();
            var charts = clock.Elapsed;
            var kpi = await page.Locator("[data-testid=kpi-incidents]").InnerTextAsync();
            Console.WriteLine($"  run {run} ({(run == 1 ? "cold" : "warm")} browser cache): interactive after {interactive.TotalMilliseconds:F0} ms, charts drawn after {charts.TotalMilliseconds:F0} ms " +
                              $"({kpi} incidents) {(charts < TimeSpan.FromSeconds(2) ? "ok" : "OVER TARGET")}");
            await page.CloseAsync();
        }
    }
}
