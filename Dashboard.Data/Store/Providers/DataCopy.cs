using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Dashboard.Data.Store;

/// <summary>One table's rows in the SQLite source and, after the copy, in the PostgreSQL target.</summary>
public sealed record TableCount(string Table, long Source, long Target);

/// <summary>What <see cref="DataCopy.CopyAsync"/> did: the counts per table, or why it refused.</summary>
public sealed record DataCopyResult(bool Succeeded, string Message, IReadOnlyList<TableCount> Tables);

/// <summary>
/// Moves a whole SQLite database into an empty PostgreSQL one (the `migrate-data` verb): the target
/// gets the PostgreSQL migrations, then every table of the model is copied in one transaction with
/// its ids, versions and times as they are, the identity sequences are moved past the copied ids, and
/// the counts are compared before the commit. The tables come from the EF model, so a table added by
/// a later migration is copied without touching this code.
/// </summary>
public static class DataCopy
{
    public static async Task<DataCopyResult> CopyAsync(string sqliteConnectionString, string postgresConnectionString, CancellationToken ct = default)
    {
        var source = new DatabaseOptions(DatabaseProvider.Sqlite, sqliteConnectionString);
        var target = new DatabaseOptions(DatabaseProvider.PostgreSQL, postgresConnectionString);
        await using (var db = Context(source)) await db.Database.MigrateAsync(ct); // the source at the schema this code knows

        await using (var probe = new NpgsqlConnection(postgresConnectionString))
        {
            await probe.OpenAsync(ct);
            if (await NonEmptyTableAsync(probe, ct) is { } table)
                return new DataCopyResult(false, $"The target is not empty: table \"{table}\" has rows. migrate-data copies only into an empty database.", []);
        }
        await using var targetDb = Context(target);
        await targetDb.Database.MigrateAsync(ct);

        var tables = TablesInInsertOrder(targetDb.Model);
        await using var from = new SqliteConnection(sqliteConnectionString);
        await from.OpenAsync(ct);
        await using var to = new NpgsqlConnection(postgresConnectionString);
        await to.OpenAsync(ct);
        await using var transaction = await to.BeginTransactionAsync(ct);

        var counts = new List<TableCount>();
        foreach (var table in tables)
        {
            await CopyTableAsync(from, to, table, ct);
            counts.Add(new TableCount(table.Name, await CountAsync(from, table.Name, ct), await CountAsync(to, table.Name, ct)));
        }
        // Not in the model: the catalog counter the triggers keep (copying the edges moved it here).
        await using (var read = new SqliteCommand("SELECT \"Value\" FROM \"CatalogVersion\" WHERE \"Id\" = 1", from))
        await using (var write = new NpgsqlCommand("UPDATE \"CatalogVersion\" SET \"Value\" = @v WHERE \"Id\" = 1", to))
        {
            write.Parameters.AddWithValue("v", Convert.ToInt64(await read.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture));
            await write.ExecuteNonQueryAsync(ct);
        }
        foreach (var table in tables.Where(t => t.Identity is not null))
            await ExecuteAsync(to, $"SELECT setval(pg_get_serial_sequence('\"{table.Name}\"', '{table.Identity}'), COALESCE(MAX(\"{table.Identity}\"), 0) + 1, false) FROM \"{table.Name}\"", ct);

        if (counts.Where(c => c.Source != c.Target).Select(c => c.Table).ToList() is [_, ..] differing)
            return new DataCopyResult(false, $"Counts differ in {string.Join(", ", differing)}: nothing was written.", counts);
        await transaction.CommitAsync(ct);
        return new DataCopyResult(true, $"Copied {counts.Sum(c => c.Target)} rows in {counts.Count} tables.", counts);
    }

    private static IncidentBoardDbContext Context(DatabaseOptions options) =>
        new((DbContextOptions<IncidentBoardDbContext>)options.Apply(new DbContextOptionsBuilder<IncidentBoardDbContext>()).Options);

    /// <summary>A table to copy: its columns (generated ones are left to the target) and its identity column, if any.</summary>
    private sealed record Table(string Name, IReadOnlyList<Column> Columns, string? Identity);

    private sealed record Column(string Name, Type Type, string PostgresType);

    /// <summary>Principals before dependents, so every foreign key finds its row.</summary>
    private static List<Table> TablesInInsertOrder(IModel model)
    {
        var types = model.GetEntityTypes().Where(t => t.GetTableName() is not null && !t.IsOwned() && t.BaseType is null).ToList();
        var ordered = new List<IEntityType>();
        var placed = new HashSet<string>();
        while (ordered.Count < types.Count)
        {
            var next = types.Where(t => !placed.Contains(t.GetTableName()!)).Where(t => t.GetForeignKeys()
                .All(fk => fk.PrincipalEntityType.GetTableName() == t.GetTableName() || placed.Contains(fk.PrincipalEntityType.GetTableName()!))).ToList();
            if (next is []) throw new InvalidOperationException("The model's foreign keys form a cycle between tables; migrate-data cannot order them.");
            foreach (var t in next) { ordered.Add(t); placed.Add(t.GetTableName()!); }
        }
        return ordered.Select(t =>
        {
            var table = StoreObjectIdentifier.Table(t.GetTableName()!, t.GetSchema());
            var columns = t.GetProperties().Where(p => p.GetComputedColumnSql(table) is null)
                .Select(p => new Column(p.GetColumnName(table)!, ProviderType(p), BaseTypeName(p.GetColumnType(table)))).ToList();
            var identity = t.FindPrimaryKey()?.Properties is [var key] && key.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd
                && Nullable.GetUnderlyingType(key.ClrType) is null && key.ClrType is var k && (k == typeof(int) || k == typeof(long)) ? key.GetColumnName(table) : null;
            return new Table(t.GetTableName()!, columns, identity);
        }).ToList();
    }

    private static Type ProviderType(IProperty p)
    {
        var type = p.GetTypeMapping().Converter?.ProviderClrType ?? p.ClrType;
        return Nullable.GetUnderlyingType(type) ?? type;
    }

    /// <summary>"character varying(200)" → "character varying": the name Npgsql writes by.</summary>
    private static string BaseTypeName(string columnType) => columnType.Split('(')[0].Trim();

    private static async Task CopyTableAsync(SqliteConnection from, NpgsqlConnection to, Table table, CancellationToken ct)
    {
        var columns = string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""));
        await using var read = new SqliteCommand($"SELECT {columns} FROM \"{table.Name}\"", from);
        await using var reader = await read.ExecuteReaderAsync(ct);
        await using var importer = await to.BeginBinaryImportAsync($"COPY \"{table.Name}\" ({columns}) FROM STDIN (FORMAT BINARY)", ct);
        while (await reader.ReadAsync(ct))
        {
            await importer.StartRowAsync(ct);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var column = table.Columns[i];
                if (reader.IsDBNull(i)) await importer.WriteNullAsync(ct);
                else await importer.WriteAsync(Read(reader, i, column.Type), column.PostgresType, ct);
            }
        }
        await importer.CompleteAsync(ct);
    }

    /// <summary>A SQLite value as the CLR type the model stores: ISO text to a UTC DateTime, text to a Guid, 0/1 to a bool.</summary>
    private static object Read(SqliteDataReader r, int i, Type type) => type switch
    {
        _ when type == typeof(string) => r.GetString(i),
        _ when type == typeof(int) => r.GetInt32(i),
        _ when type == typeof(long) => r.GetInt64(i),
        _ when type == typeof(short) => r.GetInt16(i),
        _ when type == typeof(bool) => r.GetBoolean(i),
        _ when type == typeof(double) => r.GetDouble(i),
        _ when type == typeof(float) => r.GetFloat(i),
        _ when type == typeof(decimal) => r.GetDecimal(i),
        _ when type == typeof(Guid) => r.GetGuid(i),
        _ when type == typeof(DateTime) => DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc),
        _ when type == typeof(DateTimeOffset) => r.GetFieldValue<DateTimeOffset>(i).ToUniversalTime(),
        _ when type == typeof(DateOnly) => r.GetFieldValue<DateOnly>(i),
        _ when type == typeof(TimeOnly) => r.GetFieldValue<TimeOnly>(i),
        _ when type == typeof(byte[]) => r.GetFieldValue<byte[]>(i),
        _ => throw new NotSupportedException($"migrate-data cannot copy a column of type {type.Name}."),
    };

    private static async Task<long> CountAsync(System.Data.Common.DbConnection connection, string table, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The first table in the target's public schema that holds rows (the migrations' own bookkeeping aside).</summary>
    private static async Task<string?> NonEmptyTableAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) tables.Add(reader.GetString(0));
        foreach (var table in tables.Where(t => t is not ("__EFMigrationsHistory" or "__EFMigrationsLock" or "CatalogVersion")))
            if (await CountAsync(connection, table, ct) > 0) return table;
        return null;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
