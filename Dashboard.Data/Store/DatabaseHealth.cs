using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Store;

public sealed class DatabaseHealth(IDbContextFactory<IncidentBoardDbContext> dbFactory)
{
    /// <summary>
    /// True when the database answers a query on our schema. CanConnect alone is not enough for
    /// SQLite: it would happily create an empty file where the real one went missing. On SQLite the
    /// check opens its own unpooled connection: a pooled one, opened before the file was replaced,
    /// still reads the old file and would answer for it.
    /// </summary>
    public async Task<(bool Healthy, string Detail)> CheckAsync(CancellationToken ct = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (db.Database.IsSqlite())
                db.Database.SetConnectionString(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ToString());
            var incidents = await db.Incidents.CountAsync(ct);
            return (true, $"database answered: {incidents} incidents");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (false, $"database did not answer: {ex.Message}");
        }
    }
}
