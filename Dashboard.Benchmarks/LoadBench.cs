using System.Diagnostics;
using System.Globalization;

namespace Dashboard.Benchmarks;

/// <summary>
/// Pages under concurrent load (issue "fast for a whole team at once"): wrk with 16 connections against
/// the prerendered pages of the published app, signed in as a viewer. /status, the lightest page with the
/// same layout, is the yardstick, measured in the same run before and after the others (their mean).
/// </summary>
public static class LoadBench
{
    // wrk reports no p95 by itself; its Lua hook reads it from the latency histogram.
    private const string ReportScript = """
        done = function(summary, latency, requests)
          local e = summary.errors
          io.write(string.format("RESULT %d %d %.3f %.3f %d %.3f\n", summary.requests, summary.duration,
            latency:percentile(50) / 1000, latency:percentile(95) / 1000, e.connect + e.read + e.write + e.status + e.timeout,
            latency:percentile(99) / 1000))
        end
        """;

    public sealed record Result(string Page, double PerSecond, double P50Ms, double P95Ms, long Errors, double P99Ms);

    public static async Task<IReadOnlyList<Result>> MeasureAsync(AppProcess app, string cookie, string incidentSlug, int seconds = 8)
    {
        Console.WriteLine();
        Console.WriteLine($"pages under load: wrk -t2 -c16 -d{seconds}s, signed in as a viewer, against the published app (goal: each ≥ 50% of /status's rate, p95 < 500 ms)");

        var pages = new (string Path, string Marker)[]
        {
            ("incidents", "Declare incident"),
            ("actions", "Actions"),
            ("services", "Services"),
            ("review", "Review"),
            ($"incidents/{incidentSlug}", "Timeline"),
            ($"incidents/{incidentSlug}/summary", "summary"),
        };
        var script = Path.Combine(Path.GetTempPath(), "incidentboard-wrk-report.lua");
        await File.WriteAllTextAsync(script, ReportScript);

        // Each page must answer 200 with its own content for this viewer, not the sign-in page.
        using (var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) })
        {
            http.DefaultRequestHeaders.Add("Cookie", cookie);
            foreach (var (path, marker) in pages.Prepend(("status", "Status")))
            {
                var response = await http.GetAsync(path);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != System.Net.HttpStatusCode.OK || !body.Contains(marker, StringComparison.OrdinalIgnoreCase))
                    throw new InvalidOperationException($"/{path} answered {(int)response.StatusCode} without '{marker}': the load test would measure the wrong page");
                Console.WriteLine($"  /{path}: {body.Length / 1024.0:F0} KB of HTML");
            }
        }
        // Warm-up: JIT, EF query compilation and any cache, as earlier visitors would have left them.
        foreach (var (path, _) in pages.Prepend(("status", "")))
            await RunWrkAsync(app.BaseUrl + path, cookie, script, 2);

        var before = await RunWrkAsync(app.BaseUrl + "status", cookie, script, seconds);
        var results = new List<Result>();
        foreach (var (path, _) in pages)
            results.Add((await RunWrkAsync(app.BaseUrl + path, cookie, script, seconds)) with { Page = "/" + path });
        var after = await RunWrkAsync(app.BaseUrl + "status", cookie, script, seconds);
        var yardstick = (before.PerSecond + after.PerSecond) / 2;

        Console.WriteLine($"  {"page",-52} {"req/s",8} {"share",7} {"p50 ms",8} {"p95 ms",8} {"errors",7}");
        Console.WriteLine($"  {"/status (before / after: " + before.PerSecond.ToString("F0", CultureInfo.InvariantCulture) + " / " + after.PerSecond.ToString("F0", CultureInfo.InvariantCulture) + ")",-52} {yardstick,8:F0} {"100%",7} {before.P50Ms,8:F1} {before.P95Ms,8:F1} {before.Errors + after.Errors,7}");
        foreach (var r in results)
        {
            var share = r.PerSecond / yardstick;
            var ok = share >= 0.5 && r.P95Ms < 500 && r.Errors == 0;
            Console.WriteLine($"  {Short(r.Page),-52} {r.PerSecond,8:F0} {share,7:P0} {r.P50Ms,8:F1} {r.P95Ms,8:F1} {r.Errors,7} {(ok ? "ok" : "BELOW GOAL")}");
        }
        return results;
    }

    /// <summary>
    /// Waits until the server has finished the work of the previous run (requests wrk gave up on are
    /// still computed), so one page's backlog is not charged to the next.
    /// </summary>
    private static async Task SettleAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
        var status = new Uri(new Uri(url), "/healthz");
        for (var quick = 0; quick < 3;)
        {
            var clock = Stopwatch.StartNew();
            await http.GetAsync(status);
            quick = clock.ElapsedMilliseconds < 50 ? quick + 1 : 0;
            await Task.Delay(200);
        }
    }

    private static string Short(string page) => page.Length <= 52 ? page : page[..49] + "...";

    /// <summary>One wrk run against <paramref name="url"/>, with the report script written where it is needed.</summary>
    public static async Task<Result> RunWrkAsync(string url, string cookie, int seconds, int connections = 16)
    {
        var script = Path.Combine(Path.GetTempPath(), "incidentboard-wrk-report.lua");
        await File.WriteAllTextAsync(script, ReportScript);
        return await RunWrkAsync(url, cookie, script, seconds, connections);
    }

    private static async Task<Result> RunWrkAsync(string url, string cookie, string script, int seconds, int connections = 16)
    {
        await SettleAsync(url);
        var info = new ProcessStartInfo("wrk", ["-t2", $"-c{connections}", $"-d{seconds}s", "--timeout", "10s", "-s", script, "-H", $"Cookie: {cookie}", url])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start (apt-get install wrk)");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no result for {url}: {output}{await process.StandardError.ReadToEndAsync()}");
        var f = line.Split(' ');
        var requests = long.Parse(f[1], CultureInfo.InvariantCulture);
        var durationUs = double.Parse(f[2], CultureInfo.InvariantCulture);
        return new Result(url, requests / (durationUs / 1e6), double.Parse(f[3], CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture),
            long.Parse(f[5], CultureInfo.InvariantCulture), double.Parse(f[6], CultureInfo.InvariantCulture));
    }
}
