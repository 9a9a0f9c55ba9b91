using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// Fills every table of a SQLite database, at whatever schema an earlier migration left it, with a few
/// rows: SQL written for that schema, read from the database itself (columns, keys, foreign keys), with
/// values of the type today's model gives the column (an enum's name, a date as EF writes it), so the
/// rows look like ones the app wrote. A column today's model no longer has gets a value of its SQL type.
/// Parents are filled before children, and each foreign key points at a real parent row.
/// </summary>
public static class SchemaFiller
{
    /// <summary>Kept by EF and the migrations themselves (history, EF's migration lock, the trigger-kept catalog counter): not ours to fill, and meant to change.</summary>
    public static readonly IReadOnlySet<string> MigrationKept = new HashSet<string> { "__EFMigrationsHistory", "__EFMigrationsLock", "CatalogVersion" };

    /// <summary>
    /// The full-text index: FTS5 virtual tables and their shadow tables, written by the triggers on the
    /// tables they index. They are derived from those rows, so they are neither filled nor compared row by row.
    /// </summary>
    public static async Task<IReadOnlySet<string>> TriggerKeptAsync(SqliteConnection connection)
    {
        var virtualTables = (await ReadAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'"))
            .Select(r => (string)r["name"]!).ToList();
        var all = (await ReadAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table'")).Select(r => (string)r["name"]!);
        return all.Where(t => virtualTables.Any(v => t == v || t.StartsWith(v + "_", StringComparison.Ordinal))).ToHashSet();
    }

    private sealed record Column(string Name, string Type, bool NotNull, int PrimaryKeyPart);

    public static async Task FillAsync(SqliteConnection connection, IModel today, int rowsPerTable = 3)
    {
        var tables = (await ReadAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
            .Select(r => (string)r["name"]!).Where(t => !MigrationKept.Contains(t)).Except(await TriggerKeptAsync(connection)).ToList();
        var parents = new Dictionary<string, List<(string Column, string Parent, string ParentColumn)>>();
        foreach (var t in tables)
            parents[t] = [.. (await ReadAsync(connection, $"PRAGMA foreign_key_list(\"{t}\")")).Select(r => ((string)r["from"]!, (string)r["table"]!, (string)r["to"]!))];

        var filled = new Dictionary<string, List<Dictionary<string, object?>>>();
        foreach (var table in ParentsFirst(tables, parents))
        {
            var columns = (await ReadAsync(connection, $"PRAGMA table_xinfo(\"{table}\")"))
                .Where(r => (long)r["hidden"]! == 0) // generated columns are computed, not written
                .Select(r => new Column((string)r["name"]!, ((string)r["type"]!).ToUpperInvariant(), (long)r["notnull"]! == 1, (int)(long)r["pk"]!)).ToList();
            var entity = today.GetEntityTypes().FirstOrDefault(e => e.GetTableName() == table);
            var rows = filled[table] = [];
            for (var i = 0; i < rowsPerTable; i++)
            {
                var row = new Dictionary<string, object?>();
                var literals = new List<string>();
                foreach (var column in columns)
                {
                    var fk = parents[table].FindIndex(p => p.Column == column.Name);
                    string literal;
                    if (fk >= 0)
                    {
                        var (_, parent, parentColumn) = parents[table][fk];
                        var candidates = filled.GetValueOrDefault(parent) ?? [];
                        // Each foreign key of a row takes a different parent, so a row never points at one row twice (a service cannot depend on itself).
                        var value = candidates.Count == 0 ? null : candidates[(i + fk) % candidates.Count][parentColumn];
                        row[column.Name] = value;
                        literal = Literal(value);
                    }
                    else
                        (row[column.Name], literal) = Value(entity, table, column, i);
                    literals.Add(literal);
                }
                await using var insert = connection.CreateCommand();
                insert.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", literals)})";
                await insert.ExecuteNonQueryAsync();
                rows.Add(row);
            }
        }
    }

    /// <summary>Every row of every table, as text by column, keyed by table: to compare before and after an upgrade.</summary>
    public static async Task<Dictionary<string, List<Dictionary<string, string?>>>> SnapshotAsync(SqliteConnection connection)
    {
        var snapshot = new Dictionary<string, List<Dictionary<string, string?>>>();
        foreach (var table in (await ReadAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")).Select(r => (string)r["name"]!))
            snapshot[table] = [.. (await ReadAsync(connection, $"SELECT * FROM \"{table}\"")).Select(r => r.ToDictionary(c => c.Key, c => Text(c.Value)))];
        return snapshot;
    }

    /// <summary>The primary key columns of a table, in key order.</summary>
    public static async Task<List<string>> PrimaryKeyAsync(SqliteConnection connection, string table) =>
        [.. (await ReadAsync(connection, $"PRAGMA table_info(\"{table}\")")).Where(r => (long)r["pk"]! > 0).OrderBy(r => (long)r["pk"]!).Select(r => (string)r["name"]!)];

    private static (object? Value, string Literal) Value(IEntityType? entity, string table, Column column, int i)
    {
        var property = entity?.GetProperties().FirstOrDefault(p => p.GetColumnName() == column.Name);
        if (property is not null && ClrValue(Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType, table, column.Name, i) is { } clr)
        {
            var mapping = property.GetRelationalTypeMapping();
            var provider = mapping.Converter is { } converter ? converter.ConvertToProvider(clr) : clr;
            return (provider, mapping.GenerateSqlLiteral(clr));
        }
        object value = column.Type switch
        {
            var t when t.Contains("INT", StringComparison.Ordinal) => (long)(i + 1),
            var t when t.Contains("REAL", StringComparison.Ordinal) || t.Contains("FLOA", StringComparison.Ordinal) || t.Contains("DOUB", StringComparison.Ordinal) => 1.5 + i,
            var t when t.Contains("BLOB", StringComparison.Ordinal) => new byte[] { 1, 2, (byte)i },
            _ => $"{table}-{column.Name}-{i}",
        };
        return (value, Literal(value));
    }

    /// <summary>A value of the property's own type, different per row where a key or unique index may need it.</summary>
    private static object? ClrValue(Type type, string table, string column, int i) => type switch
    {
        _ when type == typeof(string) => $"{table.ToLowerInvariant()}-{column.ToLowerInvariant()}-{i}",
        _ when type.IsEnum => Enum.GetValues(type).GetValue(i % Enum.GetValues(type).Length),
        _ when type == typeof(int) => i + 1,
        _ when type == typeof(long) => (long)(i + 1),
        _ when type == typeof(double) => 0.5,
        _ when type == typeof(bool) => false,
        _ when type == typeof(Guid) => new Guid(i + 1, 0, 0, new byte[8]),
        _ when type == typeof(DateTime) => new DateTime(2025, 1, 1 + i, 8, 30, 0, DateTimeKind.Utc),
        _ when type == typeof(DateTimeOffset) => new DateTimeOffset(2025, 1, 1 + i, 8, 30, 0, TimeSpan.Zero),
        _ when type == typeof(DateOnly) => new DateOnly(2025, 2, 1 + i),
        _ when type == typeof(byte[]) => new byte[] { 1, 2, (byte)i },
        _ => null,
    };

    private static string Literal(object? value) => value switch
    {
        null => "NULL",
        string s => $"'{s.Replace("'", "''")}'",
        byte[] b => $"X'{Convert.ToHexString(b)}'",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => $"'{value}'",
    };

    private static string? Text(object? value) => value switch
    {
        null or DBNull => null,
        byte[] b => Convert.ToHexString(b),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static IEnumerable<string> ParentsFirst(List<string> tables, Dictionary<string, List<(string Column, string Parent, string ParentColumn)>> parents)
    {
        var done = new List<string>();
        var remaining = new List<string>(tables);
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(t => parents[t].All(p => p.Parent == t || done.Contains(p.Parent) || !tables.Contains(p.Parent)))
                ?? throw new InvalidOperationException($"The foreign keys of {string.Join(", ", remaining)} form a circle.");
            done.Add(next);
            remaining.Remove(next);
        }
        return done;
    }

    private static async Task<List<Dictionary<string, object?>>> ReadAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>();
            for (var c = 0; c < reader.FieldCount; c++) row[reader.GetName(c)] = reader.IsDBNull(c) ? null : reader.GetValue(c);
            rows.Add(row);
        }
        return rows;
    }
}
