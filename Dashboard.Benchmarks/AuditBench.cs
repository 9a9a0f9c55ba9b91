using System.Diagnostics;
using Dashboard.Data.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Dashboard.Api;
using Dashboard.Host.CommandLine;

namespace Dashboard.Benchmarks;

/// <summary>
/// The audit page on 1,000,000 entries: a filtered first page must stay under 50 ms server-side.
/// The entries have their own database, built once: 200 actors, 30 actions over 8 entity types,
/// 10,000 incidents, spread over two years.
/// </summary>
public static class AuditBench
{
    public const int Entries = 1_000_000;
    private static readonly string[] Types = AuditQueries.EntityTypes;
    private static readonly string[] Verbs = ["created", "updated", "deleted", "imported"];
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static async Task RunAsync(string path, int runs)
    {
        IDbContextFactory<IncidentBoardDbContext> factory = new BenchDbFactory($"Data Source={path}");
        await EnsureAsync(factory, path);
        var queries = new AuditQueries(factory);
        var report = new Report($"audit page, first page of 50 of {Entries:N0} entries (server-side, target < 50 ms)", TimeSpan.FromMilliseconds(50));
        await report.MeasureYardstickAsync("one audit entry by primary key", runs, async ct =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            return await db.AuditEntries.AsNoTracking().Where(a => a.Id == 4242).ToListAsync(ct);
        });
        var march = new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var scenarios = new (string Name, AuditQuery Query)[]
        {
            ("no filter, newest first", new()),
            ("actor = user-17", new(Actor: "user-17@example.com")),
            ("action = action.deleted", new(Action: "action.deleted")),
            ("entity = postmortem", new(EntityType: "postmortem")),
            ("incident by id", new(IncidentId: 5_000)),
            ("incident by slug", new(IncidentSlug: "synthetic-5000")),
            ("period: March 2025", new(From: march, To: march.AddMonths(1))),
            ("actor + period", new(Actor: "user-17@example.com", From: march, To: march.AddMonths(1))),
            ("page 100, no filter", new(Page: 100)),
            ("no match", new(Actor: "nobody@example.com")),
        };
        foreach (var (name, query) in scenarios)
            await report.MeasureAsync(name, runs, ct => queries.ListAsync(Actor.System, query, ct));
        report.Print();
    }

    private static async Task EnsureAsync(IDbContextFactory<IncidentBoardDbContext> factory, string path)
    {
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            if (await db.AuditEntries.AnyAsync()) return;
        }
        var clock = Stopwatch.StartNew();
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
        var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO AuditEntries (At, Actor, ActorKind, Action, EntityType, EntityKey, IncidentId, IncidentSlug, Changes, Source)
            VALUES ($at, $actor, 'Person', $action, $type, $key, $incident, $slug, $changes, 'Ui')
            """;
        string[] names = ["$at", "$actor", "$action", "$type", "$key", "$incident", "$slug", "$changes"];
        var p = names.Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
        var random = new Random(42);
        var span = TimeSpan.FromDays(730).Ticks / Entries;
        for (var i = 0; i < Entries; i++)
        {
            var type = Types[random.Next(Types.Length)];
            var incident = random.Next(1, 10_001);
            // Written in time order, as the door writes them; the page's sort is by At.
            p[0].Value = Start.AddTicks(span * i).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF");
            p[1].Value = $"user-{random.Next(200)}@example.com";
            p[2].Value = $"{type}.{Verbs[random.Next(Verbs.Length)]}";
            p[3].Value = type;
            p[4].Value = random.Next(1, 500_000).ToString();
            p[5].Value = incident;
            p[6].Value = $"synthetic-{incident}";
            p[7].Value = """[{"field":"Owner","old":"kim","new":"lee"}]""";
            await insert.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        Console.WriteLine($"built {path}: {Entries:N0} audit entries in {clock.Elapsed.TotalSeconds:F1} s");
    }
}
