using System.Text.Json;
using Dashboard.Data;
using Dashboard.Data.Seeding;
using Dashboard.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Dashboard.Host.Http;

namespace Dashboard.Tests.Data;

/// <summary>
/// Upgrades from every earlier migration point: a fresh SQLite file is migrated by EF's own migrator to
/// that point, filled with rows written for that schema (<see cref="SchemaFiller"/>), then started as
/// today's app starts it (<see cref="DatabaseInitializer"/>: migrate, check, seed). No row is lost,
/// every row reads the same in the columns it still has, and every seed incident of today is there.
/// </summary>
public sealed class MigrationUpgradeTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ib-upgrade-{Guid.NewGuid():N}.db");
    private readonly List<(LogLevel Level, string Category, string Message)> _log = [];

    public static TheoryData<string> EarlierMigrations()
    {
        using var db = Context(new DatabaseOptions(DatabaseProvider.Sqlite, "Data Source=:memory:"));
        var all = db.GetService<IMigrationsAssembly>().Migrations.Keys.Order(StringComparer.Ordinal).ToList();
        return [.. all.SkipLast(1)]; // the last one is today's schema: nothing to upgrade from
    }

    private static IncidentBoardDbContext Context(DatabaseOptions options) =>
        new((DbContextOptions<IncidentBoardDbContext>)options.Apply(new DbContextOptionsBuilder<IncidentBoardDbContext>()).Options);

    [Theory]
    [MemberData(nameof(EarlierMigrations))]
    public async Task An_earlier_schema_full_of_rows_upgrades_with_none_lost_and_every_seed_incident_present(string migration)
    {
        var options = new DatabaseOptions(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
        await using (var db = Context(options))
        {
            await db.GetService<IMigrator>().MigrateAsync(migration);
            await using var connection = new SqliteConnection(options.ConnectionString);
            await connection.OpenAsync();
            await SchemaFiller.FillAsync(connection, db.Model);
        }
        var before = await SnapshotAsync(options);
        IReadOnlySet<string> derived;
        await using (var connection = new SqliteConnection(options.ConnectionString))
        {
            await connection.OpenAsync();
            derived = await SchemaFiller.TriggerKeptAsync(connection);
        }
        Assert.All(before.Where(t => !SchemaFiller.MigrationKept.Contains(t.Key) && !derived.Contains(t.Key)), t => Assert.True(t.Value.Count == 3, $"{t.Key} holds {t.Value.Count} rows"));

        await using (var services = Services(options))
        {
            var report = await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            Assert.True(report.Succeeded, string.Join("; ", report.Problems));
            Assert.Empty(services.GetRequiredService<SeedReport>().Rejected);
        }

        await using var check = new SqliteConnection(options.ConnectionString);
        await check.OpenAsync();
        var after = await SchemaFiller.SnapshotAsync(check);
        foreach (var (table, rows) in before)
        {
            Assert.True(after.ContainsKey(table), $"table {table} is gone");
            if (derived.Contains(table)) continue; // rewritten by triggers as the rows they index change
            Assert.True(after[table].Count >= rows.Count, $"{table}: {rows.Count} rows before, {after[table].Count} after");
            if (SchemaFiller.MigrationKept.Contains(table)) continue;
            var key = await SchemaFiller.PrimaryKeyAsync(check, table);
            foreach (var row in rows)
            {
                var match = after[table].SingleOrDefault(r => key.All(k => r[k] == row[k]));
                Assert.True(match is not null, $"{table}: the row {string.Join(", ", key.Select(k => $"{k}={row[k]}"))} is gone");
                foreach (var (column, value) in row.Where(c => match.ContainsKey(c.Key)))
                    Assert.True(match[column] == value, $"{table}.{column} of {string.Join(", ", key.Select(k => row[k]))}: '{value}' became '{match[column]}'");
            }
        }
        var slugs = await SlugsAsync(check);
        Assert.All(SeedSlugs(), slug => Assert.Contains(slug, slugs));
    }

    [Fact]
    public async Task The_first_start_after_the_TeamWork_rebuild_says_what_it_checked()
    {
        var options = new DatabaseOptions(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
        await using (var db = Context(options))
            await db.GetService<IMigrator>().MigrateAsync("20261130103303_Accounts"); // the point before TeamWork

        await using (var services = Services(options))
            Assert.True((await services.GetRequiredService<DatabaseInitializer>().InitializeAsync()).Succeeded);

        // EF Core warns of the statements TeamWork runs outside a transaction...
        Assert.Contains(_log, l => l.Level == LogLevel.Warning && l.Message.Contains("TeamWork", StringComparison.Ordinal));
        // ...and the next lines say what was checked once they had run, so "partially applied" is not read as data loss.
        var checkedLine = Assert.Single(_log, l => l.Message.StartsWith("Applied ", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, checkedLine.Level);
        foreach (var part in new[] { "TeamWork", "none pending", "none fewer than before", "quick_check: ok", "foreign_key_check: 0 rows pointing nowhere", "outside a transaction" })
            Assert.Contains(part, checkedLine.Message, StringComparison.Ordinal);
    }

    private ServiceProvider Services(DatabaseOptions options) => new ServiceCollection()
        .AddLogging(l => l.AddProvider(new ListLogger(_log)).SetMinimumLevel(LogLevel.Information))
        .AddIncidentBoardData(options)
        .AddSingleton<TimeProvider>(FixedClock.Default)
        .Configure<SeedOptions>(o => o.Directory = RepoPaths.SeedData)
        .BuildServiceProvider();

    private static async Task<Dictionary<string, List<Dictionary<string, string?>>>> SnapshotAsync(DatabaseOptions options)
    {
        await using var connection = new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync();
        return await SchemaFiller.SnapshotAsync(connection);
    }

    private static async Task<HashSet<string>> SlugsAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Slug\" FROM \"Incidents\"";
        var slugs = new HashSet<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) slugs.Add(reader.GetString(0));
        return slugs;
    }

    private static IEnumerable<string> SeedSlugs() => Directory.GetFiles(RepoPaths.SeedData, "*.json")
        .Where(f => Path.GetFileName(f) is not (Seeder.CatalogFileName or Seeder.ChangesFileName))
        .Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("slug").GetString()!);

    public void Dispose()
    {
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
            if (File.Exists(file)) File.Delete(file);
    }

    private sealed class ListLogger(List<(LogLevel, string, string)> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(lines, categoryName);

        public void Dispose() { }

        private sealed class Logger(List<(LogLevel, string, string)> lines, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (lines) lines.Add((logLevel, category, formatter(state, exception)));
            }
        }
    }
}
