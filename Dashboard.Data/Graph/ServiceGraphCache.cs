using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Graph;

/// <summary>
/// The dependency graph kept in memory between walks. It is reloaded only when the catalog's
/// edges changed: triggers (migration CatalogVersion) count every insert, update and delete on
/// ServiceDependencies, cascades included, so one single-row read says whether the copy is current
/// whoever wrote (the UI, the seeder or a script).
/// </summary>
public sealed class ServiceGraphCache
{
    // One immutable snapshot swapped as a whole, so a reader never pairs one graph with another's stamp.
    private sealed record Snapshot(ServiceGraph Graph, long Version);
    private volatile Snapshot? _cached;

    public async Task<ServiceGraph> GetAsync(IncidentBoardDbContext db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        // Read before the edges: a write landing in between leaves an older stamp, so the next call reloads.
        var version = await VersionAsync(connection, ct);
        if (_cached is { } cached && cached.Version == version) return cached.Graph;
        var graph = await LoadAsync(connection, ct);
        _cached = new Snapshot(graph, version);
        return graph;
    }

    private static async Task<long> VersionAsync(DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Value\" FROM \"CatalogVersion\" WHERE \"Id\" = 1";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<ServiceGraph> LoadAsync(DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"ServiceId\", \"DependsOnServiceId\" FROM \"ServiceDependencies\"";
        var edges = new List<(int, int)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) edges.Add((reader.GetInt32(0), reader.GetInt32(1)));
        return new ServiceGraph(edges);
    }
}
