using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Data.Store;

/// <summary>
/// Settings SQLite keeps per connection, applied on every open (pooled connections included):
/// WAL so readers never wait for a writer and an online backup can run beside the app; a busy
/// timeout so a writer waits for another instead of failing at once; foreign keys enforced
/// explicitly rather than by a provider default; synchronous=NORMAL, which is safe with WAL (a
/// power cut can lose the last commits, never corrupt the file) and much cheaper than FULL.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public const int BusyTimeoutMs = 5000;

    public static readonly SqlitePragmas Instance = new();

    /// <summary>journal_mode is stored in the file, so setting it again is a no-op; an in-memory database answers "memory".</summary>
    public const string Sql = "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA journal_mode = WAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.ExecuteNonQuery();
    }
}
