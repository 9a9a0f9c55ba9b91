using System.Diagnostics;
using Dashboard.Data.Actions;
using Dashboard.Data.Incidents;
using Dashboard.Data.Review;
using Microsoft.EntityFrameworkCore;
using Severity = Dashboard.Data.Kernel.Severity;
using Dashboard.Api;

namespace Dashboard.Benchmarks;

/// <summary>
/// `--only stores --postgres "&lt;connection string&gt;"`: the server-side scenarios of the incidents,
/// actions and review pages on SQLite and on PostgreSQL, measured in one run on the same data (the
/// PostgreSQL database is filled from the SQLite file by migrate-data's copy), side by side.
/// </summary>
public static class StoreBench
{
    public static async Task RunAsync(string sqlitePath, string postgres, int runs)
    {
        IDbContextFactory<IncidentBoardDbContext> sqlite = new BenchDbFactory(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={sqlitePath}"));
        IDbContextFactory<IncidentBoardDbContext> pg = new BenchDbFactory(new DatabaseOptions(DatabaseProvider.PostgreSQL, postgres));
        await using (var db = await pg.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            if (!await db.Incidents.AnyAsync())
            {
                var clock = Stopwatch.StartNew();
                var copy = await DataCopy.CopyAsync($"Data Source={sqlitePath}", postgres);
                Console.WriteLine($"copied the data set into PostgreSQL in {clock.Elapsed.TotalSeconds:F0} s: {copy.Message}");
                if (!copy.Succeeded) return;
            }
        }
        await using (var db = await pg.CreateDbContextAsync())
            await db.Database.ExecuteSqlRawAsync("ANALYZE"); // fresh statistics, as autovacuum would have after a while

        var today = new FixedTime(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var reviewNow = new FixedTime(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var end2025 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var none = AggregateCache.PassThrough; // each query is measured, not a cache hit
        var scenarios = new List<(string Name, Func<IDbContextFactory<IncidentBoardDbContext>, CancellationToken, Task> Run)>
        {
            ("incidents: no filter, newest first", (f, ct) => new IncidentQueries(f, none).ListAsync(Actor.System, new(), ct)),
            ("incidents: severity = SEV1", (f, ct) => new IncidentQueries(f, none).ListAsync(Actor.System, new(Severities: [Severity.Sev1]), ct)),
            ("incidents: search 'replication lag'", (f, ct) => new IncidentQueries(f, none).ListAsync(Actor.System, new(Search: "replication lag"), ct)),
            ("incidents: sorted by duration", (f, ct) => new IncidentQueries(f, none).ListAsync(Actor.System, new(Sort: IncidentSort.Duration), ct)),
            ("incidents: page 200, sorted by title", (f, ct) => new IncidentQueries(f, none).ListAsync(Actor.System, new(Sort: IncidentSort.Title, Descending: false, Page: 200), ct)),
            ("actions: no filter, by due date", (f, ct) => new ActionQueries(f, today, none).ListAsync(Actor.System, new(), ct)),
            ("actions: owner contains 'kim'", (f, ct) => new ActionQueries(f, today, none).ListAsync(Actor.System, new(Owner: "kim"), ct)),
            ("actions: overdue only", (f, ct) => new ActionQueries(f, today, none).ListAsync(Actor.System, new(OverdueOnly: true), ct)),
            ("actions: summary counts", (f, ct) => new ActionQueries(f, today, none).SummaryAsync(Actor.System, new ActionQuery(), ct)),
            ("review: all time", (f, ct) => new ReviewQueries(f, reviewNow, none).GetAsync(Actor.System, new(), ct)),
            ("review: last 90 days", (f, ct) => new ReviewQueries(f, reviewNow, none).GetAsync(Actor.System, new(end2025.AddDays(-90), end2025), ct)),
            ("review: all time, SEV1", (f, ct) => new ReviewQueries(f, reviewNow, none).GetAsync(Actor.System, new(Severities: [Severity.Sev1]), ct)),
        };

        Console.WriteLine();
        Console.WriteLine($"SQLite and PostgreSQL side by side, median of {runs} runs after 3 warm-ups (ms)");
        Console.WriteLine($"{"scenario",-42} {"SQLite",9} {"PostgreSQL",11} {"ratio",7}");
        foreach (var (name, run) in scenarios)
        {
            // Alternated per scenario, so a noisy moment on a shared machine hits both stores alike.
            var s = await MedianAsync(runs, ct => run(sqlite, ct));
            var p = await MedianAsync(runs, ct => run(pg, ct));
            Console.WriteLine($"{name,-42} {s,9:F1} {p,11:F1} {p / s,6:F2}x");
        }
    }

    private static async Task<double> MedianAsync(int runs, Func<CancellationToken, Task> operation)
    {
        for (var i = 0; i < 3; i++) await operation(CancellationToken.None);
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            await operation(CancellationToken.None);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
