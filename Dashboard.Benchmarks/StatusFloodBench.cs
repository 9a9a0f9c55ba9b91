using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Dashboard.Benchmarks;

/// <summary>
/// The status pages' flood goal: under wrk -c256, a public status page serves at least 50 % of the rate
/// of a static file of about the same size from the same app, with p99 under 100 ms, also while an
/// incident is updated every second. An admin key (made with the app's own CLI) creates a public page
/// for the seeded Cloudflare services, publishes an update on it, and, for the second round, adds a
/// timeline event to the incident every second, which rebuilds the page's snapshot each time. The
/// yardstick is the published static asset closest in size to the page (the app serves only the
/// assets its build lists, so the page's own bytes cannot be served as a file by the same app).
/// With <c>--postgres</c>, a third round runs the app on a fresh PostgreSQL database and floods the page
/// (against the same file) after the database was stopped for the app: it refuses every new connection and
/// its open ones are dropped, as <c>StatusPageHostTests</c> does; SQLite cannot be stopped under a running
/// app (it keeps its open file), so PostgreSQL is the honest case.
/// </summary>
public static class StatusFloodBench
{
    private const string Slug = "2025-11-18-cloudflare-bot-management";
    private const string Page = "flood";

    public static async Task MeasureAsync(string appDll, string databasePath, string? postgres, int seconds = 10)
    {
        await MeasureOnSqliteAsync(appDll, databasePath, seconds);
        if (postgres is not null) await MeasureDatabaseStoppedAsync(appDll, postgres, seconds);
    }

    private static async Task MeasureOnSqliteAsync(string appDll, string databasePath, int seconds)
    {
        var key = await AdminKeyAsync(appDll, databasePath);
        // One wrk address is one client: the page's per-address limit would answer most of the flood with 429.
        await using var app = await AppProcess.StartAsync(appDll, databasePath, environment: new Dictionary<string, string>
        {
            ["RateLimits__StatusPages__PermitLimit"] = "100000000", ["RateLimits__Api__PermitLimit"] = "100000",
        });
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        await EnsurePageAsync(http);

        var pageUrl = app.BaseUrl + $"pages/{Page}";
        await WaitForPublishedAsync(http, pageUrl);
        var pageBytes = (await http.GetByteArrayAsync(pageUrl)).Length;
        var (asset, assetBytes) = ClosestAsset(Path.Combine(Path.GetDirectoryName(appDll)!, "wwwroot"), pageBytes);
        var assetUrl = app.BaseUrl + asset;
        Console.WriteLine();
        Console.WriteLine($"status page flood: wrk -t2 -c256 -d{seconds}s; the page /pages/{Page} is {pageBytes:N0} bytes, the yardstick /{asset} {assetBytes:N0} bytes (goal: page ≥ 50 % of the file's rate, p99 < 100 ms)");

        await LoadBench.RunWrkAsync(assetUrl, "", 3, connections: 256); // warm-up
        await LoadBench.RunWrkAsync(pageUrl, "", 3, connections: 256);
        foreach (var updating in new[] { false, true })
        {
            using var stop = new CancellationTokenSource();
            var updates = updating ? UpdateEverySecondAsync(http, stop.Token) : Task.FromResult(0);
            var file = await LoadBench.RunWrkAsync(assetUrl, "", seconds, connections: 256);
            var page = await LoadBench.RunWrkAsync(pageUrl, "", seconds, connections: 256);
            await stop.CancelAsync();
            var written = await updates;
            Print(updating ? $"incident updated every second ({written} events)" : "at rest", file, page);
        }
    }

    private static void Print(string round, LoadBench.Result file, LoadBench.Result page)
    {
        var ratio = page.PerSecond / file.PerSecond;
        Console.WriteLine($"  {round,-42} file {file.PerSecond,8:F0} req/s p99 {file.P99Ms,6:F1} ms | page {page.PerSecond,8:F0} req/s p99 {page.P99Ms,6:F1} ms, errors {page.Errors} | page/file {ratio:P0} {(ratio >= 0.5 && page.P99Ms < 100 && page.Errors == 0 ? "ok" : "BELOW GOAL")}");
    }

    /// <summary>The app on its own new PostgreSQL database (seeded at start), the page published, then the database stopped for the app during the flood.</summary>
    private static async Task MeasureDatabaseStoppedAsync(string appDll, string postgres, int seconds)
    {
        var name = $"ib_flood_{Guid.NewGuid():N}"[..20];
        await AdminSqlAsync(postgres, $"CREATE DATABASE \"{name}\"");
        try
        {
            var database = new Dictionary<string, string>
            {
                ["Database__Provider"] = "PostgreSQL",
                ["ConnectionStrings__IncidentBoard"] = new NpgsqlConnectionStringBuilder(postgres) { Database = name }.ConnectionString,
            };
            await using var app = await AppProcess.StartAsync(appDll, "", environment: new Dictionary<string, string>(database)
            {
                ["RateLimits__StatusPages__PermitLimit"] = "100000000", ["RateLimits__Api__PermitLimit"] = "100000",
            });
            var key = await AdminKeyAsync(appDll, database);
            using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            await EnsurePageAsync(http);
            var pageUrl = app.BaseUrl + $"pages/{Page}";
            await WaitForPublishedAsync(http, pageUrl);
            var pageBytes = (await http.GetByteArrayAsync(pageUrl)).Length;
            var (asset, _) = ClosestAsset(Path.Combine(Path.GetDirectoryName(appDll)!, "wwwroot"), pageBytes);
            var assetUrl = app.BaseUrl + asset;

            await AdminSqlAsync(postgres, $"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false");
            await AdminSqlAsync(postgres, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
            var refused = (await http.GetAsync("api/v1/incidents?pageSize=1")).StatusCode;
            var stillServed = await http.GetStringAsync(pageUrl);
            if (!stillServed.Contains("Errors across the network", StringComparison.Ordinal)) throw new InvalidOperationException("the page lost its update when the database stopped");
            await LoadBench.RunWrkAsync(assetUrl, "", 3, connections: 256); // warm-up
            await LoadBench.RunWrkAsync(pageUrl, "", 3, connections: 256);
            var file = await LoadBench.RunWrkAsync(assetUrl, "", seconds, connections: 256);
            var page = await LoadBench.RunWrkAsync(pageUrl, "", seconds, connections: 256);
            Print($"database stopped (PostgreSQL; API answers {(int)refused})", file, page);
        }
        finally
        {
            await AdminSqlAsync(postgres, $"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true");
            await AdminSqlAsync(postgres, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private static async Task AdminSqlAsync(string postgres, string sql)
    {
        await using var admin = new NpgsqlConnection(postgres);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    internal static Task<string> AdminKeyAsync(string appDll, string databasePath) =>
        AdminKeyAsync(appDll, new Dictionary<string, string> { ["ConnectionStrings__IncidentBoard"] = $"Data Source={databasePath}" });

    private static async Task<string> AdminKeyAsync(string appDll, IReadOnlyDictionary<string, string> database)
    {
        const string email = "bench-admin@example.com";
        await RunCliAsync(appDll, database, ["users", "add", email, "--role", "admin", "--name", "Bench Admin"], "bench admin password 42\n", allowAlready: true);
        return (await RunCliAsync(appDll, database, ["api-keys", "create", $"flood-{Guid.NewGuid():N}"[..20], "--owner", email, "--role", "admin"], null, allowAlready: false)).Trim();
    }

    private static async Task EnsurePageAsync(HttpClient http)
    {
        if ((await http.GetAsync($"api/v1/status-pages/{Page}")).IsSuccessStatusCode) return;
        string[] services = ["cf-cdn-core", "cf-bot-management", "cf-access", "cf-dashboard"];
        Check(await http.PostAsJsonAsync("api/v1/status-pages", new
        {
            key = Page, name = "Flood test", audience = "Public", description = "A public page under load.",
            components = services.Select(s => new { serviceKey = s, displayName = s.Replace("cf-", "", StringComparison.Ordinal) }).ToArray(),
        }));
        var draft = await http.PostAsJsonAsync($"api/v1/incidents/{Slug}/status-updates", new
        {
            title = "Errors across the network", state = "Identified", body = "We found the cause and are rolling back.",
            components = services.ToDictionary(s => s, _ => "MajorOutage"),
        });
        Check(draft);
        var id = JsonDocument.Parse(await draft.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        Check(await http.PostAsJsonAsync($"api/v1/incidents/{Slug}/status-updates/{id}/publish", new { pages = new[] { Page } }));
    }

    private static async Task WaitForPublishedAsync(HttpClient http, string pageUrl)
    {
        var clock = Stopwatch.StartNew();
        while (!(await http.GetStringAsync(pageUrl)).Contains("Errors across the network", StringComparison.Ordinal))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("the published update never reached the page");
            await Task.Delay(100);
        }
    }

    private static async Task<int> UpdateEverySecondAsync(HttpClient http, CancellationToken ct)
    {
        var written = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                Check(await http.PostAsJsonAsync($"api/v1/incidents/{Slug}/events",
                    new { occurredAt = "2025-11-18 16:00", kind = "Note", text = $"Flood test note {written}" }, ct));
                written++;
            }
        }
        catch (OperationCanceledException)
        {
        }
        return written;
    }

    private static (string Path, long Bytes) ClosestAsset(string wwwroot, long bytes) =>
        Directory.EnumerateFiles(wwwroot, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".css", StringComparison.Ordinal) || f.EndsWith(".js", StringComparison.Ordinal))
            .Select(f => (Path: System.IO.Path.GetRelativePath(wwwroot, f).Replace('\\', '/'), Bytes: new FileInfo(f).Length))
            .Where(f => !f.Path.Contains(".gz", StringComparison.Ordinal) && !f.Path.Contains(".br", StringComparison.Ordinal))
            .MinBy(f => Math.Abs(f.Bytes - bytes));

    internal static void Check(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {response.Content.ReadAsStringAsync().Result}");
    }

    private static async Task<string> RunCliAsync(string appDll, IReadOnlyDictionary<string, string> database, string[] arguments, string? input, bool allowAlready)
    {
        var info = new ProcessStartInfo("dotnet", [appDll, .. arguments])
        {
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var (name, value) in database) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        if (input is not null) await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && !(allowAlready && (output + error).Contains("already", StringComparison.OrdinalIgnoreCase)))
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed: {output}{error}");
        return output;
    }
}
