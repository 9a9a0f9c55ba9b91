using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Dashboard.Host.Http;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// A real database with the checked-in migrations applied: the same engines and schemas as
/// production, so SQL translation, constraints and cascades are tested for real.
/// On SQLite it lives in memory, kept alive by one open connection; each context opens its own
/// connection to it (shared cache), as in production, so services that read on several contexts at
/// once are tested as they run. On PostgreSQL it is a database of its own on the test run's server
/// (<see cref="PostgresServer"/>), dropped on dispose.
/// </summary>
public sealed class TestDatabase : IDbContextFactory<IncidentBoardDbContext>, IAsyncDisposable
{
    private readonly SqliteConnection? _keepAlive;
    private readonly DbContextOptions<IncidentBoardDbContext> _options;

    private TestDatabase(DatabaseOptions options, SqliteConnection? keepAlive)
    {
        Options = options;
        _keepAlive = keepAlive;
        _options = (DbContextOptions<IncidentBoardDbContext>)options.Apply(new DbContextOptionsBuilder<IncidentBoardDbContext>()).Options;
    }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        if (provider == DatabaseProvider.PostgreSQL)
        {
            var connectionString = await PostgresServer.CreateFromTemplateAsync("migrated", MigrateAsync);
            return new TestDatabase(new DatabaseOptions(provider, connectionString), null);
        }
        var connection = new SqliteConnection($"Data Source=test-{Guid.NewGuid():N};Mode=Memory;Cache=Shared");
        await connection.OpenAsync();
        var db = new TestDatabase(new DatabaseOptions(provider, connection.ConnectionString), connection);
        await using var context = db.CreateDbContext();
        await context.Database.MigrateAsync();
        return db;
    }

    /// <summary>Applies the migrations to an empty PostgreSQL database.</summary>
    public static async Task MigrateAsync(string postgresConnectionString)
    {
        var options = new DatabaseOptions(DatabaseProvider.PostgreSQL, postgresConnectionString).Apply(new DbContextOptionsBuilder<IncidentBoardDbContext>());
        await using var context = new IncidentBoardDbContext((DbContextOptions<IncidentBoardDbContext>)options.Options);
        await context.Database.MigrateAsync();
    }

    public IncidentBoardDbContext CreateDbContext() => new(_options);

    /// <summary>Which database, as the app's own registrations take it.</summary>
    public DatabaseOptions Options { get; }

    public DatabaseProvider Provider => Options.Provider;

    /// <summary>Every connection opened with it reaches this database while it is alive, as the app's own factory does.</summary>
    public string ConnectionString => Options.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        if (_keepAlive is not null) await _keepAlive.DisposeAsync();
        else if (Provider == DatabaseProvider.PostgreSQL && ConnectionString != "") await PostgresServer.DropAsync(ConnectionString);
    }
}
