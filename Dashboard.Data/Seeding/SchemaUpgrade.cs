using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Data.Seeding;

/// <summary>What applying the migrations did, and what was checked afterwards.</summary>
public sealed record SchemaUpgradeReport(
    IReadOnlyList<string> Applied, IReadOnlyDictionary<string, long> RowsBefore, IReadOnlyDictionary<string, long> RowsAfter,
    IReadOnlyList<string> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Applies the pending migrations and then checks the database, so the start-up log says what is known
/// rather than what might have happened. On SQLite, EF Core rebuilds a table to change a column
/// (TeamWork does so): it turns foreign keys off with <c>PRAGMA foreign_keys = 0</c>, which SQLite only
/// allows outside a transaction, and warns that a crash in the middle would leave the migration
/// "partially applied". That warning is about an interrupted run. After a run that finished, this
/// says so and shows it: no migration pending, no table with fewer rows than before, SQLite's
/// <c>quick_check</c> clean and no foreign key pointing nowhere.
/// </summary>
public static class SchemaUpgrade
{
    public static async Task<SchemaUpgradeReport> MigrateAsync(IncidentBoardDbContext db, ILogger logger, CancellationToken ct = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count == 0)
        {
            logger.LogInformation("Database schema is up to date; no migration to apply");
            return new SchemaUpgradeReport([], new Dictionary<string, long>(), new Dictionary<string, long>(), []);
        }
        var before = await RowCountsAsync(db, ct);
        await db.Database.MigrateAsync(ct);
        var after = await RowCountsAsync(db, ct);

        var problems = new List<string>();
        var stillPending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (stillPending.Count > 0) problems.Add($"still pending: {string.Join(", ", stillPending)}");
        problems.AddRange(before.Where(t => after.GetValueOrDefault(t.Key) < t.Value).Select(t => $"fewer rows in {t.Key} ({t.Value} → {after.GetValueOrDefault(t.Key)})"));
        var sqliteChecks = "";
        if (db.Database.IsSqlite())
        {
            var quick = await ScalarsAsync(db, "PRAGMA quick_check", ct);
            if (quick is not ["ok"]) problems.Add($"quick_check: {string.Join("; ", quick.Take(5))}");
            var orphans = (await ScalarsAsync(db, "PRAGMA foreign_key_check", ct)).Count;
            if (orphans > 0) problems.Add($"{orphans} rows whose foreign key points nowhere (PRAGMA foreign_key_check)");
            sqliteChecks = $"; SQLite quick_check: {string.Join("; ", quick.Take(5))}; foreign_key_check: {orphans} rows pointing nowhere";
        }

        var names = string.Join(", ", pending.Select(m => m.Contains('_') ? m[(m.IndexOf('_') + 1)..] : m));
        if (problems.Count == 0)
            logger.LogInformation(
                "Applied {Count} migrations ({Migrations}). Checked afterwards: none pending; {Tables} tables hold {Rows} rows, none fewer than before{SqliteChecks}. " +
                "A warning above that a migration ran outside a transaction and could be left partially applied concerns a run that is interrupted; this one finished and these checks passed.",
                pending.Count, names, after.Count, after.Values.Sum(), sqliteChecks);
        else
            logger.LogError("Applied {Count} migrations ({Migrations}), and the checks afterwards found: {Problems}. Restore the backup taken before the upgrade.",
                pending.Count, names, string.Join("; ", problems));
        return new SchemaUpgradeReport(pending, before, after, problems);
    }

    /// <summary>Rows per table (all of this database's tables, EF's history included).</summary>
    public static async Task<Dictionary<string, long>> RowCountsAsync(IncidentBoardDbContext db, CancellationToken ct = default)
    {
        var tables = await ScalarsAsync(db, db.Database.IsSqlite()
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name", ct);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
            counts[table] = long.Parse((await ScalarsAsync(db, $"SELECT COUNT(*) FROM \"{table.Replace("\"", "\"\"")}\"", ct))[0], System.Globalization.CultureInfo.InvariantCulture);
        return counts;
    }

    /// <summary>The first column of every row, as text.</summary>
    private static async Task<List<string>> ScalarsAsync(IncidentBoardDbContext db, string sql, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        try
        {
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = sql;
            var values = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) ?? "");
            return values;
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }
}
