using Dashboard.Data;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Dashboard.Host.CommandLine;
using Dashboard.Host.Http;

namespace Dashboard.Tests.Host;

/// <summary>`migrate`, the verb a Kubernetes Job runs before new pods start: an empty database comes out migrated and seeded, on both stores.</summary>
public class MigrateCommandTests
{
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    private async Task<(DatabaseOptions Options, string[] Settings, Func<Task> Drop)> EmptyDatabaseAsync()
    {
        if (Store == DatabaseProvider.PostgreSQL)
        {
            var cs = await PostgresServer.CreateEmptyAsync();
            return (new DatabaseOptions(Store, cs), [$"--{DatabaseOptions.ProviderSetting}=PostgreSQL", $"--ConnectionStrings:IncidentBoard={cs}"], () => PostgresServer.DropAsync(cs));
        }
        var file = Path.Combine(Path.GetTempPath(), $"ib-migrate-{Guid.NewGuid():N}.db");
        return (new DatabaseOptions(Store, $"Data Source={file};Pooling=False"), [$"--ConnectionStrings:IncidentBoard=Data Source={file};Pooling=False"], () =>
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
            return Task.CompletedTask;
        });
    }

    private static IncidentBoardDbContext Open(DatabaseOptions options) =>
        new((DbContextOptions<IncidentBoardDbContext>)options.Apply(new DbContextOptionsBuilder<IncidentBoardDbContext>()).Options);

    [Fact]
    public async Task Migrate_applies_every_migration_and_seeds_an_empty_database_then_has_nothing_left_to_do()
    {
        var (options, settings, drop) = await EmptyDatabaseAsync();
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var seedFolder = $"--Seed:Directory={RepoPaths.SeedData}";

            Assert.True(await MigrateCommand.RunAsync(["migrate", .. settings, seedFolder], output, error) == 0, error.ToString());

            Assert.Contains("Applied ", output.ToString());
            Assert.Contains("seed 2025-12-05-cloudflare.json: imported", output.ToString());
            await using (var db = Open(options))
            {
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                Assert.Equal(6, await db.Incidents.CountAsync());
            }

            // A second run, as a Job re-run by a new release with no new migration, changes nothing.
            var again = new StringWriter();
            Assert.Equal(0, await MigrateCommand.RunAsync(["migrate", .. settings, seedFolder], again, error));
            Assert.Contains("no migration applied", again.ToString());
            Assert.DoesNotContain("seed ", again.ToString());
        }
        finally
        {
            await drop();
        }
    }

    [Fact]
    public async Task Migrate_refuses_words_it_does_not_know()
    {
        var error = new StringWriter();
        Assert.Equal(2, await MigrateCommand.RunAsync(["migrate", "now"], new StringWriter(), error));
        Assert.Contains("Usage:", error.ToString());
    }
}

public sealed class MigrateCommandTestsOnPostgreSql : MigrateCommandTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
