using System.Diagnostics;
using Microsoft.Playwright;

namespace Dashboard.Benchmarks;

/// <summary>
/// Interactive pages with many circuits at once, in Debian's Chromium against the published app:
/// 50 browsers opening /review together against one alone, the 5,000-event timeline against the
/// 20-event one, and the server memory each idle circuit holds. Ratios within one run, as the goals say.
/// </summary>
public static class CircuitBench
{
    private const int Browsers = 50;

    public static async Task MeasureAsync(AppProcess app, IBrowser browser, string signedIn)
    {
        await ReviewTogetherAsync(app, browser, app.BaseUrl, signedIn);
        await TimelineRatioAsync(browser, app.BaseUrl, signedIn);
        // The lightest page with the layout: what every circuit holds before a page adds its own.
        await MemoryAsync(app, browser, signedIn, "status", "the status page (the layout and little else)", 1);
        await MemoryAsync(app, browser, signedIn, $"incidents/2025-11-18-cloudflare-bot-management", "the incident page", 1);
        await MemoryAsync(app, browser, signedIn, $"incidents/{TimelineBrowserBench.Slug}?tab=timeline", "the 5,000-event timeline", 5);
    }

    private static Task<IBrowserContext> ContextAsync(IBrowser browser, string baseUrl, string signedIn) =>
        browser.NewContextAsync(new() { BaseURL = baseUrl, StorageState = signedIn, ViewportSize = new() { Width = 1400, Height = 1000 } });

    /// <summary>From navigation to the circuit up and the review's three charts drawn.</summary>
    private static async Task<TimeSpan> OpenReviewAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        var clock = Stopwatch.StartNew();
        await page.GotoAsync("review?period=AllTime", new() { Timeout = 120_000 });
        await page.Locator("[data-render-mode=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
        foreach (var chart in new[] { "chart-incidents", "chart-resolve", "chart-actions" })
            await page.Locator($"[data-testid={chart}] .main-svg").First.WaitForAsync(new() { Timeout = 120_000 });
        return clock.Elapsed;
    }

    private static async Task ReviewTogetherAsync(AppProcess app, IBrowser browser, string baseUrl, string signedIn)
    {
        Console.WriteLine();
        Console.WriteLine($"review page, all time: {Browsers} browsers open it at the same moment (goal: all interactive with charts within 3× one browser alone)");
        var alone = new List<double>();
        for (var run = 0; run < 4; run++)
        {
            await using var context = await ContextAsync(browser, baseUrl, signedIn);
            var took = await OpenReviewAsync(context);
            if (run > 0) alone.Add(took.TotalMilliseconds); // run 0 warms the server and the browser's code cache
        }
        var contexts = new List<IBrowserContext>();
        for (var i = 0; i < Browsers; i++) contexts.Add(await ContextAsync(browser, baseUrl, signedIn));
        var cpuBefore = app.CpuTime;
        var clock = Stopwatch.StartNew();
        var each = await Task.WhenAll(contexts.Select(OpenReviewAsync));
        var all = clock.Elapsed.TotalMilliseconds;
        var serverCpu = (app.CpuTime - cpuBefore).TotalMilliseconds;
        foreach (var c in contexts) await c.CloseAsync();
        var one = Median(alone);
        Console.WriteLine($"  one browser alone: {one:F0} ms (median of {alone.Count}); {Browsers} together: the last done after {all:F0} ms, median {Median([.. each.Select(e => e.TotalMilliseconds)]):F0} ms");
        Console.WriteLine($"  ratio {all / one:F1}× {(all / one <= 3 ? "ok" : "ABOVE GOAL")} (the {Browsers} Chromium pages run on the same {Environment.ProcessorCount} cores as the server)");
        // How much of the machine the server used meanwhile: the rest went to the browsers (and this process).
        Console.WriteLine($"  the server's processor time meanwhile: {serverCpu / 1000:F1} s of the {all * Environment.ProcessorCount / 1000:F0} s the cores had " +
                          $"({serverCpu / (all * Environment.ProcessorCount):P0}), {serverCpu / Browsers:F0} ms per browser");
    }

    private static async Task TimelineRatioAsync(IBrowser browser, string baseUrl, string signedIn)
    {
        Console.WriteLine();
        Console.WriteLine("timeline tab, clicked once the page has settled: 5,000 events against 20 (goal: within 1.5×)");
        await using var context = await ContextAsync(browser, baseUrl, signedIn);
        var big = new List<double>();
        var small = new List<double>();
        // Interleaved, so a slow moment of the machine falls on both.
        for (var run = 0; run < 6; run++)
        {
            var page = await context.NewPageAsync();
            var (_, bigInteractive) = await TimelineBrowserBench.OpenTimelineAsync(page, TimelineBrowserBench.Slug, "Timeline (5000)", settled: true);
            await page.CloseAsync();
            page = await context.NewPageAsync();
            var (_, smallInteractive) = await TimelineBrowserBench.OpenTimelineAsync(page, "2025-11-18-cloudflare-bot-management", "Timeline (20)", settled: true);
            await page.CloseAsync();
            if (run == 0) continue; // warm-up: plotly.js compiled, the server's queries prepared
            big.Add(bigInteractive.TotalMilliseconds);
            small.Add(smallInteractive.TotalMilliseconds);
        }
        var ratio = Median(big) / Median(small);
        Console.WriteLine($"  5,000 events: median {Median(big):F0} ms; 20 events: median {Median(small):F0} ms; ratio {ratio:F2}× {(ratio <= 1.5 ? "ok" : "ABOVE GOAL")}");
    }

    private static async Task MemoryAsync(AppProcess app, IBrowser browser, string signedIn, string path, string what, int goalMb)
    {
        var contexts = new List<IBrowserContext>();
        async Task OpenAsync()
        {
            var context = await ContextAsync(browser, app.BaseUrl, signedIn);
            contexts.Add(context);
            var page = await context.NewPageAsync();
            await page.GotoAsync(path, new() { Timeout = 120_000 });
            await page.Locator("[data-render-mode=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
            if (path.Contains("tab=timeline")) await page.Locator("[data-testid=event-row]").First.WaitForAsync(new() { Timeout = 120_000 });
        }
        await OpenAsync(); // the first one pays for code and caches, not for a circuit
        await Task.Delay(3_000);
        var before = app.ResidentBytes;
        var liveBefore = await LiveHeap.BytesAsync(app.ProcessId);
        for (var i = 0; i < Browsers; i++) await OpenAsync();
        await Task.Delay(5_000); // idle: what the circuits keep, not what opening them used
        var after = app.ResidentBytes;
        var liveAfter = await LiveHeap.BytesAsync(app.ProcessId);
        const double mb = 1024 * 1024;
        var perCircuit = (liveAfter - liveBefore) / (double)Browsers / mb;
        Console.WriteLine();
        // The goal is judged on the live objects: resident memory also moves with garbage not yet collected.
        Console.WriteLine($"server memory per idle circuit, {what}: {perCircuit:F2} MB of live objects after a full collection " +
                          $"({Browsers} circuits: {liveBefore / mb:F0} → {liveAfter / mb:F0} MB) {(perCircuit <= goalMb ? "ok" : "ABOVE GOAL")} (goal ≤ {goalMb} MB); " +
                          $"resident memory {before / mb:F0} → {after / mb:F0} MB, {(after - before) / (double)Browsers / mb:F2} MB per circuit");
        foreach (var c in contexts) await c.CloseAsync();
    }

    private static double Median(IReadOnlyList<double> values) => values.Order().ElementAt(values.Count / 2);
}
