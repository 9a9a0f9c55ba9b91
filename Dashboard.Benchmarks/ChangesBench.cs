using System.Diagnostics;
using Dashboard.Data;
using Dashboard.Data.Changes;
using Dashboard.Data.Graph;
using Dashboard.Data.Incidents;
using Dashboard.Data.Synthetic;
using Dashboard.Data.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Dashboard.Api;

namespace Dashboard.Benchmarks;

/// <summary>
/// Issue #29's goals on their own data set, made by the synthetic generator: 2,000 services, 2,000 incidents,
/// and 1,000,000 changes (500 per service over 2024). Each goal is a ratio to a yardstick timed in the same
/// run, so it holds on a busy machine: the "changes before this incident" panel's p95 within 2× the incident
/// page's own first load (the published app's prerendered GET /incidents/{slug}, each incident opened once;
/// with --app) for incidents of 2024, and a bulk of 10,000 changes at no less than half the rate of the bulk
/// add of 10,000 timeline events. The header query alone is printed for reference only: it is not the page.
/// </summary>
public static class ChangesBench
{
    private const int ChangesPerService = 500;
    private static readonly DateTime Year = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <param name="postgres">A PostgreSQL connection string: the same data set and measures on PostgreSQL (built there once), plus the plan of the panel's window query.</param>
    public static async Task RunAsync(string path, int runs, string? appPath, string? postgres = null, int changesPerService = ChangesPerService)
    {
        var factory = postgres is null ? new BenchDbFactory($"Data Source={path}") : new BenchDbFactory(new DatabaseOptions(DatabaseProvider.PostgreSQL, postgres));
        // The app and its CLI read the same store.
        var store = postgres is null ? new Dictionary<string, string>()
            : new Dictionary<string, string> { ["ConnectionStrings__IncidentBoard"] = postgres, ["Database__Provider"] = "PostgreSQL" };
        if (postgres is null) await EnsureAsync(factory, path, changesPerService);
        else await EnsurePostgresAsync(factory, changesPerService);
        var viewer = Actor.Person("bench@example.com", Role.Responder) with { UserId = "bench" };

        List<(int Id, string Slug)> incidents;
        await using (var db = factory.CreateDbContext())
        {
            Console.WriteLine($"data set: {await db.Incidents.CountAsync():N0} incidents, {await db.Services.CountAsync():N0} services, {await db.ChangeEvents.CountAsync():N0} changes");
            incidents = (await db.Incidents.Where(i => i.StartedAt >= Year.AddDays(2) && i.StartedAt < Year.AddDays(364) && i.Impacts.Any())
                .OrderBy(i => i.Id).Take(runs).Select(i => new { i.Id, i.Slug }).ToListAsync()).Select(i => (i.Id, i.Slug)).ToList();
        }
        var pages = new IncidentQueries(factory, AggregateCache.PassThrough);
        var changes = new ChangeQueries(factory, new ServiceGraphCache(), AggregateCache.PassThrough);
        var header = await TimeEachAsync(incidents, i => pages.GetAsync(viewer, i.Slug));
        var panel = await TimeEachAsync(incidents, i => changes.BeforeIncidentAsync(viewer, i.Id));
        var sample = await changes.BeforeIncidentAsync(viewer, incidents[0].Id);
        Console.WriteLine($"\n\"changes before this incident\" on {incidents.Count} incidents of 2024 (goal: panel p95 within 2× the incident page's own first load)");
        Console.WriteLine($"  changes panel (ChangeQueries.BeforeIncidentAsync)     median {Median(panel):F1} ms  p95 {P95(panel):F1} ms   (first incident: {sample!.Items.Count} rows, {sample.UnrelatedLeftOut:N0} left out)");
        Console.WriteLine($"  for reference, the header query alone (IncidentQueries.GetAsync, not the page)  median {Median(header):F1} ms  p95 {P95(header):F1} ms");
        if (appPath is not null)
        {
            // Anonymous read, so plain GETs see the page a viewer sees without a browser sign-in; each incident once, as a first load.
            // An account must exist, or every page sends to the first owner's set-up.
            await BenchAccount.EnsureAsync(appPath, path, store);
            await using var app = await AppProcess.StartAsync(appPath, path, seed: false, new Dictionary<string, string>(store) { ["Auth__AllowAnonymousRead"] = "true" });
            using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
            var page = await TimeEachAsync(incidents, async i =>
            {
                var html = await http.GetStringAsync($"incidents/{i.Slug}");
                if (!html.Contains("Changes before this incident", StringComparison.Ordinal)) throw new InvalidOperationException($"/incidents/{i.Slug} is not the incident page");
                return html.Length;
            });
            Console.WriteLine($"  incident page's own first load (GET /incidents/{{slug}}, published app)  median {Median(page):F1} ms  p95 {P95(page):F1} ms");
            Console.WriteLine($"  ratio p95 panel / page = {P95(panel) / P95(page):F2}  {(P95(panel) <= 2 * P95(page) ? "ok" : "OVER GOAL")}");
        }
        else Console.WriteLine("  (give --app PATH/Dashboard.dll to time the incident page itself: the goal's yardstick)");
        if (postgres is not null) await ExplainWindowAsync(factory, incidents[0].Id);

        var door = new WriteDoor(factory, new ChangeBus(), TimeProvider.System, NullLogger<WriteDoor>.Instance, new Dashboard.Data.Incidents.IncidentAccess(), [new Dashboard.Data.Webhooks.WebhookOutbox()]);
        var writer = Actor.Person("bench@example.com", Role.Responder).Via(ChangeSource.Api);
        var eventRates = new List<double>();
        var changeRates = new List<double>();
        for (var run = 0; run < 5; run++)
        {
            var incidentId = await EmptyIncidentAsync(factory, run);
            var events = Enumerable.Range(0, 10_000).Select(n => new EventInput
            {
                OccurredAt = $"2025-06-01 {n / 60 % 24:00}:{n % 60:00}", Kind = EventKind.Investigation, Text = $"bench line {n}: checked the replica lag",
            }).ToList();
            var sw = Stopwatch.StartNew();
            var added = await new BulkTimelineCommands(door).AddManyAsync(writer, incidentId, events);
            sw.Stop();
            if (!added.Succeeded) throw new InvalidOperationException(string.Join("; ", added.Errors.Values));
            eventRates.Add(10_000 / sw.Elapsed.TotalSeconds);

            var batch = Enumerable.Range(0, 10_000).Select(n => new ChangeInput
            {
                ExternalId = $"bench:{run}:{n}:{Guid.NewGuid():N}", Kind = "deploy", Services = [$"svc-{n % 2000:D4}"], Environment = "production",
                StartedAt = $"2025-06-01T{n / 60 % 24:00}:{n % 60:00}:00Z", Author = "bench-pipeline", Title = $"bench deploy {n}",
                Link = "https://git.example.com/bench/commit/abc", Labels = ["bench"],
            }).ToList();
            sw.Restart();
            var recorded = await new ChangeCommands(door).RecordManyAsync(writer, batch);
            sw.Stop();
            if (!recorded.Succeeded) throw new InvalidOperationException(string.Join("; ", recorded.Errors.Values.Take(5)));
            changeRates.Add(10_000 / sw.Elapsed.TotalSeconds);
            await UndoAsync(factory, incidentId);
        }
        // The first of each warms up.
        var events4 = eventRates.Skip(1).Order().ToList();
        var changes4 = changeRates.Skip(1).Order().ToList();
        Console.WriteLine($"\nbulk of 10,000 in one transaction (goal: changes at ≥ 50% of the bulk event add's rate), {events4.Count} runs after one warm-up");
        Console.WriteLine($"  timeline events  median {Median(events4):N0}/s");
        Console.WriteLine($"  changes          median {Median(changes4):N0}/s");
        Console.WriteLine($"  ratio = {Median(changes4) / Median(events4):P0}  {(Median(changes4) >= 0.5 * Median(events4) ? "ok" : "UNDER GOAL")}");
    }

    private static async Task<List<double>> TimeEachAsync<T>(List<(int Id, string Slug)> incidents, Func<(int Id, string Slug), Task<T>> load)
    {
        foreach (var i in incidents.Take(3)) await load(i); // warm-up: JIT, plans, page cache
        var times = new List<double>();
        foreach (var i in incidents)
        {
            var sw = Stopwatch.StartNew();
            await load(i);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times;
    }

    private static double Median(List<double> sorted) => sorted[sorted.Count / 2];
    private static double P95(List<double> sorted) => sorted[(int)Math.Ceiling(sorted.Count * 0.95) - 1];

    private static async Task EnsureAsync(BenchDbFactory factory, string path, int changesPerService)
    {
        if (File.Exists(path))
        {
            Console.WriteLine($"reusing {path}");
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var clock = Stopwatch.StartNew();
        await using (var db = factory.CreateDbContext())
            await db.Database.MigrateAsync();
        await SyntheticDataWriter.WriteAsync(factory, new SyntheticSize(2_000, 10, 2, 2_000, changesPerService), seed: 29);
        Console.WriteLine($"built {path} in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task EnsurePostgresAsync(BenchDbFactory factory, int changesPerService)
    {
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.MigrateAsync();
            if (await db.ChangeEvents.AnyAsync())
            {
                Console.WriteLine("reusing the PostgreSQL data set");
                return;
            }
        }
        var clock = Stopwatch.StartNew();
        await SyntheticDataWriter.WriteAsync(factory, new SyntheticSize(2_000, 10, 2, 2_000, changesPerService), seed: 29);
        await using (var db = factory.CreateDbContext())
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE"); // fresh statistics, as autovacuum would give a settled database
        Console.WriteLine($"built the PostgreSQL data set in {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>The panel's window read (<see cref="ChangeQueries.InWindow"/>) for one incident's default window, as PostgreSQL runs it.</summary>
    private static async Task ExplainWindowAsync(BenchDbFactory factory, int incidentId)
    {
        await using var db = factory.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        var start = await db.Incidents.Where(i => i.Id == incidentId).Select(i => i.StartedAt ?? i.CreatedAt).SingleAsync();
        var end = await db.Incidents.Where(i => i.Id == incidentId).Select(i => i.ResolvedAt ?? i.MitigatedAt ?? i.StartedAt ?? i.CreatedAt).SingleAsync();
        await using var command = ChangeQueries.InWindow(db, start - ChangeQueries.Lookback, end).CreateDbCommand();
        command.CommandText = "EXPLAIN (ANALYZE, BUFFERS) " + command.CommandText;
        Console.WriteLine($"\nEXPLAIN (ANALYZE, BUFFERS) of the panel's window query, incident {incidentId}, {start - ChangeQueries.Lookback:u} to {end:u}:");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) Console.WriteLine($"  {reader.GetString(0)}");
    }

    private static async Task<int> EmptyIncidentAsync(BenchDbFactory factory, int run)
    {
        await using var db = factory.CreateDbContext();
        var incident = new Incident
        {
            Slug = $"bench-bulk-{run}-{Guid.NewGuid():N}"[..40], Title = "bench bulk", Organisation = "Bench", Summary = "s", Severity = Severity.Sev3,
            Status = IncidentStatus.Investigating, StartedAt = new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc), CreatedAt = DateTime.UtcNow, Version = Guid.NewGuid(),
        };
        db.Incidents.Add(incident);
        await db.SaveChangesAsync();
        return incident.Id;
    }

    /// <summary>Leaves the data set as it was, so later runs measure the same thing.</summary>
    private static async Task UndoAsync(BenchDbFactory factory, int incidentId)
    {
        await using var db = factory.CreateDbContext();
        await db.Incidents.Where(i => i.Id == incidentId).ExecuteDeleteAsync();
        await db.ChangeEvents.Where(c => c.ExternalId!.StartsWith("bench:") && c.Author == "bench-pipeline").ExecuteDeleteAsync();
        await db.AuditEntries.Where(a => a.Actor == "bench@example.com").ExecuteDeleteAsync();
    }
}
