using Microsoft.Data.Sqlite;

namespace Dashboard.Data.Store;

/// <summary>The outcome of a backup or a restore: done, or why not, in words for the operator.</summary>
public sealed record BackupResult(bool Succeeded, string Message);

/// <summary>
/// Online backup and offline restore of the app's SQLite file with SQLite's backup API, which copies
/// a consistent snapshot page by page: with WAL the app keeps writing while a backup runs, and the
/// copy holds exactly the commits made before it started reading.
/// </summary>
public static class SqliteBackup
{
    private static readonly byte[] Header = "SQLite format 3\0"u8.ToArray();

    public static BackupResult Backup(string connectionString, string targetFile)
    {
        var source = Builder(connectionString, SqliteOpenMode.ReadWrite); // ReadWrite, not Create: a missing database is an error, not an empty backup
        if (!File.Exists(source.DataSource)) return new(false, $"There is no database at {source.DataSource}.");
        if (File.Exists(targetFile)) return new(false, $"{targetFile} already exists; choose a new file so no backup is overwritten.");
        using (var from = Open(source))
        using (var to = Open(FileAt(targetFile, SqliteOpenMode.ReadWriteCreate)))
        {
            from.BackupDatabase(to);
            // The copy inherits WAL from the source's header; a backup should be one self-contained file.
            Execute(to, "PRAGMA journal_mode = DELETE;");
        }
        return Check(targetFile) is { } problem
            ? new(false, $"The backup in {targetFile} failed its check: {problem}")
            : new(true, $"Backed up {source.DataSource} to {targetFile} ({new FileInfo(targetFile).Length / 1024:N0} KB); integrity_check: ok.");
    }

    /// <summary>Puts a checked backup in place of the app's database; refused while the app holds it (see <see cref="DatabaseLock"/>).</summary>
    public static BackupResult Restore(string connectionString, string backupFile)
    {
        if (!File.Exists(backupFile)) return new(false, $"There is no file {backupFile}.");
        if (Check(backupFile) is { } problem) return new(false, $"{backupFile} is not restored: {problem}");
        var target = Builder(connectionString, SqliteOpenMode.ReadWriteCreate);
        using var held = DatabaseLock.TryAcquire(target.DataSource);
        if (held is null) return new(false, $"{target.DataSource} is in use: stop the app, then restore.");
        using (var from = Open(FileAt(backupFile, SqliteOpenMode.ReadOnly)))
        using (var to = Open(target))
        {
            from.BackupDatabase(to);
            Execute(to, "PRAGMA journal_mode = WAL;");
        }
        return Check(target.DataSource) is { } after
            ? new(false, $"The restored {target.DataSource} failed its check: {after}")
            : new(true, $"Restored {backupFile} to {target.DataSource}; integrity_check: ok.");
    }

    /// <summary>Null when the file is an IncidentBoard database that passes integrity_check; otherwise what is wrong with it.</summary>
    public static string? Check(string file)
    {
        var header = new byte[Header.Length];
        using (var stream = File.OpenRead(file))
            if (stream.Read(header) < header.Length || !header.AsSpan().SequenceEqual(Header)) return "it is not a SQLite database";
        try
        {
            using var connection = Open(FileAt(file, SqliteOpenMode.ReadOnly));
            using var integrity = connection.CreateCommand();
            integrity.CommandText = "PRAGMA integrity_check;";
            var result = integrity.ExecuteScalar() as string;
            if (result != "ok") return $"integrity_check says: {result}";
            using var tables = connection.CreateCommand();
            tables.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('__EFMigrationsHistory', 'Incidents');";
            return Convert.ToInt32(tables.ExecuteScalar()) == 2 ? null : "it is a SQLite database, but not an IncidentBoard one";
        }
        catch (SqliteException ex)
        {
            return $"SQLite cannot read it ({ex.Message})";
        }
    }

    private static SqliteConnectionStringBuilder Builder(string connectionString, SqliteOpenMode mode) =>
        new(connectionString) { Mode = mode, Pooling = false }; // no pooled handle may keep a file open after we are done

    /// <summary>
    /// A connection to exactly <paramref name="path"/>. The builder quotes the path, so a file name with
    /// ';' or '=' (as in "new;x.db") stays a file name: pasted into "Data Source=…" it would end the
    /// value there and open another file, or carry settings of its own.
    /// </summary>
    private static SqliteConnectionStringBuilder FileAt(string path, SqliteOpenMode mode) =>
        new() { DataSource = path, Mode = mode, Pooling = false };

    private static SqliteConnection Open(SqliteConnectionStringBuilder builder)
    {
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        Execute(connection, $"PRAGMA busy_timeout = {SqlitePragmas.BusyTimeoutMs};");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
