using Dashboard.Data.Backup;
using Dashboard.Data.Providers;
using Microsoft.Data.Sqlite;

namespace Dashboard;

/// <summary>
/// Holds <see cref="DatabaseLock"/> on the database file for as long as the app runs, so that
/// `restore` refuses to replace a database under a running app. Released when the host disposes it.
/// </summary>
public sealed class DatabaseFileLock : IDisposable
{
    private readonly IDisposable? _lock;

    public DatabaseFileLock(DatabaseOptions database, ILogger<DatabaseFileLock> log)
    {
        if (database.IsPostgreSql) return; // no file: backups are PostgreSQL's own business
        var connectionString = database.ConnectionString;
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (file is "" or ":memory:" || connectionString.Contains("Mode=Memory", StringComparison.OrdinalIgnoreCase)) return;
        _lock = DatabaseLock.TryAcquire(file);
        // A second app on the same file still runs (SQLite copes); only the restore guard is lost.
        if (_lock is null) log.LogWarning("Another process holds {File}.lock: a restore could not tell that this app uses the database", file);
    }

    public void Dispose() => _lock?.Dispose();
}
