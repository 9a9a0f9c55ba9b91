using Npgsql;

namespace Dashboard.Data.Store;

/// <summary>
/// Held while an instance migrates, seeds and makes the first owner. On PostgreSQL it is a
/// session advisory lock, so of several instances starting together on an empty database one does
/// the work and the others wait, then find it done. SQLite serves one instance: nothing to hold
/// (EF's own migration lock still guards the schema).
/// </summary>
public sealed class StartupLock(DatabaseOptions database)
{
    /// <summary>Any fixed number: the lock's name among this database's advisory locks ("IB" "start").</summary>
    public const long Key = 0x4942_7374_6172_74;

    public async Task<IAsyncDisposable> AcquireAsync(CancellationToken ct = default)
    {
        if (!database.IsPostgreSql) return NoLock.Instance;
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteNonQueryAsync(ct);
        }
        // Closing the session releases a session lock, even when the unlock itself was never reached.
        return connection;
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
