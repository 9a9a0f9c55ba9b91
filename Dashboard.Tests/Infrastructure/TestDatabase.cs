using Dashboard.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// A real SQLite database in memory, kept alive by one open connection, with the checked-in
/// migrations applied: the same engine and schema as production, so SQL translation, constraints
/// and cascades are tested for real. Each context opens its own connection to it (shared cache),
/// as in production, so services that read on several contexts at once are tested as they run.
/// </summary>
public sealed class TestDatabase : IDbContextFactory<IncidentBoardDbContext>, IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly DbContextOptions<IncidentBoardDbContext> _options;

    private TestDatabase(SqliteConnection connection)
    {
        _connection = connection;
        _options = new DbContextOptionsBuilder<IncidentBoardDbContext>().UseSqlite(connection.ConnectionString).Options;
    }

    public static async Task<TestDatabase> CreateAsync()
    {
        var connection = new SqliteConnection($"Data Source=test-{Guid.NewGuid():N};Mode=Memory;Cache=Shared");
        await connection.OpenAsync();
        var db = new TestDatabase(connection);
        await using var context = db.CreateDbContext();
        await context.Database.MigrateAsync();
        return db;
    }

    public IncidentBoardDbContext CreateDbContext() => new(_options);

    /// <summary>Every connection opened with it reaches this database while it is alive, as the app's own factory does.</summary>
    public string ConnectionString => _connection.ConnectionString;

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
