using Microsoft.Data.Sqlite;
using Dashboard.Host.Http;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// The database a command-line test runs its verbs on, named by the switches an operator would type:
/// a temporary SQLite file, or a migrated database of its own on the test run's PostgreSQL (with
/// --Database:Provider=PostgreSQL, as an install on PostgreSQL configures it). Removed on dispose.
/// </summary>
public sealed class CliDatabase : IAsyncDisposable
{
    private CliDatabase(DatabaseOptions options) => Options = options;

    /// <summary>The database as the app's own registrations take it, to look at what a verb did.</summary>
    public DatabaseOptions Options { get; }

    public static async Task<CliDatabase> CreateAsync(DatabaseProvider store) => new(store == DatabaseProvider.PostgreSQL
        ? new DatabaseOptions(store, await PostgresServer.CreateFromTemplateAsync("migrated", TestDatabase.MigrateAsync))
        : new DatabaseOptions(store, $"Data Source={Path.Combine(Path.GetTempPath(), $"ib-cli-{Guid.NewGuid():N}.db")}"));

    /// <summary>The configuration switches for the verbs: the provider (on PostgreSQL), the connection string, no seeding.</summary>
    public string[] Settings => Options.IsPostgreSql
        ? [$"--{DatabaseOptions.ProviderSetting}=PostgreSQL", $"--ConnectionStrings:IncidentBoard={Options.ConnectionString}", "--Seed:Enabled=false"]
        : [$"--ConnectionStrings:IncidentBoard={Options.ConnectionString}", "--Seed:Enabled=false"];

    public async ValueTask DisposeAsync()
    {
        if (Options.IsPostgreSql)
        {
            await PostgresServer.DropAsync(Options.ConnectionString);
            return;
        }
        SqliteConnection.ClearAllPools();
        var file = new SqliteConnectionStringBuilder(Options.ConnectionString).DataSource;
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
    }
}
