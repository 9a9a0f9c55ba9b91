using System.Diagnostics;
using Dashboard.Data.Incidents;
using Dashboard.Data.Search;
using Dashboard.Data.Synthetic;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Benchmarks;

/// <summary>
/// `--only search --postgres "&lt;connection string&gt;"`: full-text search against the incidents list's
/// first page (the goal: search p95 at most 2× the list's p95, same run, each store). The data set is
/// its own file, search-10k.db (10,000 incidents with synthetic postmortems, 500,000 events), copied
/// into the PostgreSQL database when that is empty. Measured as a responder who is no admin, so the
/// read rule for private incidents is part of every query, as it is for most people.
/// </summary>
public static class SearchBench
{
    private static readonly string[] Searches =
    [
        "bastion",                      // rare: a few hundred postmortems
        "garbage collected registry",   // three words from one postmortem sentence
        "\"certificate expiry\"",       // a phrase in titles and ~10% of the events
        "gateway",                      // common: titles, events, postmortems
        "runbook migration",
        "observed",                     // only in timeline events, every one of them: the records' tier, at its worst
        "no such words anywhere",
    ];

    public static async Task RunAsync(string directory, string postgres, int runs)
    {
        var path = Path.Combine(directory, "search-10k.db");
        IDbContextFactory<IncidentBoardDbContext> sqlite = new BenchDbFactory($"Data Source={path}");
        await BenchDatabase.EnsureAsync(sqlite, path, SyntheticSize.Benchmark, seed: 42);
        IDbContextFactory<IncidentBoardDbContext> pg = new BenchDbFactory(new DatabaseOptions(DatabaseProvider.PostgreSQL, postgres));
        await using (var db = await pg.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            if (!await db.Incidents.AnyAsync())
            {
                var clock = Stopwatch.StartNew();
                var copy = await DataCopy.CopyAsync($"Data Source={path}", postgres);
                Console.WriteLine($"copied the data set into PostgreSQL in {clock.Elapsed.TotalSeconds:F0} s: {copy.Message}");
                if (!copy.Succeeded) return;
            }
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }

        var viewer = Actor.Person("bench@example.com", Role.Responder) with { UserId = "bench" };
        foreach (var (store, factory) in new[] { ("SQLite", sqlite), ("PostgreSQL", pg) })
        {
            var none = AggregateCache.PassThrough;
            var list = await PercentilesAsync(runs, ct => new IncidentQueries(factory, none).ListAsync(viewer, new IncidentListQuery(PageSize: 25), ct));
            Console.WriteLine();
            Console.WriteLine($"{store}: incidents list, first page of 25: median {list.Median:F1} ms, p95 {list.P95:F1} ms ({runs} runs)");
            var search = new FullTextSearch(factory);
            foreach (var text in Searches)
            {
                var found = (await search.SearchAsync(viewer, text)).Results.Count;
                var s = await PercentilesAsync(runs, ct => search.SearchAsync(viewer, text, ct: ct));
                Console.WriteLine($"  search {text,-30} {found,3} results  median {s.Median,7:F1} ms  p95 {s.P95,7:F1} ms  p95 = {s.P95 / list.P95,5:F1}× list  {(s.P95 <= 2 * list.P95 ? "ok" : "OVER GOAL")}");
            }
        }
    }

    private static async Task<(double Median, double P95)> PercentilesAsync<T>(int runs, Func<CancellationToken, Task<T>> operation)
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
        return (times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1]);
    }
}
