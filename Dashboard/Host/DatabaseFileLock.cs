using Microsoft.Data.Sqlite;

namespace Dashboard.Host;

/// <summary>
/// Holds <see cref="DatabaseLock"/> on the database file for as long as the app runs: one app
/// instance per SQLite file. A second instance on the same file refuses to start, because nothing
/// carries changes between instances on SQLite (the change bus is in-process, and the caches
/// follow it), so each would keep serving what it cached, private incidents included. The same lock
/// makes `restore` refuse to replace a database under a running app. The command-line verbs
/// (backup, users, api-keys, migrate-data) never take it: they are short-lived and may run beside
/// the app. Released when the host disposes it, and by the OS when the process ends.
/// </summary>
public sealed class DatabaseFileLock : IDisposable
{
    private readonly IDisposable? _lock;

    public DatabaseFileLock(DatabaseOptions database, ILogger<DatabaseFileLock> log)
    {
        if (database.IsPostgreSql) return; // several instances share PostgreSQL, with the change relay between them
        var connectionString = database.ConnectionString;
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (file is "" or ":memory:" || connectionString.Contains("Mode=Memory", StringComparison.OrdinalIgnoreCase)) return;
        _lock = DatabaseLock.TryAcquire(file);
        if (_lock is not null) return;
        var message = RefusalFor(file);
        log.LogCritical("{Message}", message);
        throw new InvalidOperationException(message);
    }

    /// <summary>Why the app does not start: another instance (or a restore) holds the file.</summary>
    public static string RefusalFor(string file) =>
        $"Another IncidentBoard instance is already running on the SQLite database {file} (or a restore is replacing it): " +
        $"it holds {file}.lock. Only one instance may use a SQLite file, because instances on SQLite do not tell each other " +
        "of changes and would keep showing stale data. Stop the other instance, or, to run several instances, use PostgreSQL " +
        "(Database:Provider=PostgreSQL and a PostgreSQL connection string).";

    public void Dispose() => _lock?.Dispose();
}
