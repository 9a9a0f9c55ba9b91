using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Store;

/// <summary>The store behind the app, chosen by the setting <c>Database:Provider</c>.</summary>
public enum DatabaseProvider { Sqlite, PostgreSQL }

/// <summary>Which database, and where: the provider and its connection string, as the app and its command-line verbs read them.</summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderSetting = "Database:Provider";

    /// <summary>PostgreSQL's migrations live in their own assembly, so the two sets never meet (EF Core's "migrations with multiple providers").</summary>
    public const string PostgreSqlMigrationsAssembly = "Dashboard.Data.PostgreSQL";

    public bool IsPostgreSql => Provider == DatabaseProvider.PostgreSQL;

    /// <summary>"Sqlite" (also when unset) or "PostgreSQL", any case; anything else is refused by name.</summary>
    public static DatabaseProvider ParseProvider(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => DatabaseProvider.Sqlite,
        "postgresql" or "postgres" or "npgsql" => DatabaseProvider.PostgreSQL,
        _ => throw new InvalidOperationException($"{ProviderSetting} is '{value}': use Sqlite or PostgreSQL."),
    };

    /// <summary>Points <paramref name="builder"/> at this database, with what each provider needs on every connection.</summary>
    public DbContextOptionsBuilder Apply(DbContextOptionsBuilder builder) => Provider switch
    {
        DatabaseProvider.PostgreSQL => builder.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(PostgreSqlMigrationsAssembly)),
        _ => builder.UseSqlite(ConnectionString).AddInterceptors(SqlitePragmas.Instance),
    };
}
