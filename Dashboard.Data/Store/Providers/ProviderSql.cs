using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dashboard.Data.Store;

/// <summary>
/// The one place where the SQL differs between SQLite and PostgreSQL: the model's computed column,
/// the translations of <see cref="SqlFunctions"/>, and the raw schema SQL (triggers, expression
/// indexes) the PostgreSQL migrations run. Queries stay provider-neutral LINQ over these.
/// </summary>
public abstract class ProviderSql
{
    public static ProviderSql For(DatabaseFacade database) => database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL" ? PostgreSql : Sqlite;

    public static readonly ProviderSql Sqlite = new SqliteSql();
    public static readonly ProviderSql PostgreSql = new PostgreSqlSql();

    /// <summary>Incident.DurationMinutes, a stored generated column: minutes from impact start (or trigger) to resolution.</summary>
    public abstract string DurationMinutes { get; }

    /// <summary>"2025-11" for a UTC time (<see cref="SqlFunctions.YearMonth"/>).</summary>
    public abstract SqlExpression YearMonth(SqlExpression utc);

    /// <summary>value LIKE pattern, case-insensitive, with <see cref="LikePattern.Escape"/> (<see cref="SqlFunctions.Like"/>).</summary>
    public abstract SqlExpression Like(SqlExpression value, SqlExpression pattern);

    /// <summary>The text as it sorts for people: case folded (<see cref="SqlFunctions.Caseless"/>).</summary>
    public abstract SqlExpression Caseless(SqlExpression text);

    protected abstract RelationalTypeMapping Text { get; }
    protected abstract RelationalTypeMapping Bool { get; }

    protected SqlConstantExpression Escape => new(LikePattern.Escape, typeof(string), Text);

    public void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDbFunction(typeof(SqlFunctions).GetMethod(nameof(SqlFunctions.YearMonth))!).HasTranslation(a => YearMonth((SqlExpression)a[0]));
        modelBuilder.HasDbFunction(typeof(SqlFunctions).GetMethod(nameof(SqlFunctions.Like))!).HasTranslation(a => Like((SqlExpression)a[0], (SqlExpression)a[1]));
        modelBuilder.HasDbFunction(typeof(SqlFunctions).GetMethod(nameof(SqlFunctions.Caseless))!).HasTranslation(a => Caseless((SqlExpression)a[0]));
    }

    private sealed class SqliteSql : ProviderSql
    {
        private static readonly IntTypeMapping Int = new("INTEGER");
        protected override RelationalTypeMapping Text { get; } = new StringTypeMapping("TEXT", DbType.String);
        protected override RelationalTypeMapping Bool { get; } = new BoolTypeMapping("INTEGER");

        // julianday() reads EF's ISO text format.
        public override string DurationMinutes => "(julianday(\"ResolvedAt\") - julianday(COALESCE(\"StartedAt\", \"TriggeredAt\"))) * 1440.0";

        // SQLite keeps DateTime as ISO text, so the month is its first seven characters: much
        // cheaper per row than strftime, and the expression indexes of ActionMonthIndexes match it.
        public override SqlExpression YearMonth(SqlExpression utc) => new SqlFunctionExpression("substr",
            [utc, new SqlConstantExpression(1, typeof(int), Int), new SqlConstantExpression(7, typeof(int), Int)],
            nullable: true, argumentsPropagateNullability: [true, false, false], typeof(string), Text);

        // SQLite's LIKE already ignores ASCII case.
        public override SqlExpression Like(SqlExpression value, SqlExpression pattern) => new LikeExpression(value, pattern, Escape, Bool);

        public override SqlExpression Caseless(SqlExpression text) => new CollateExpression(text, "NOCASE");
    }

    private sealed class PostgreSqlSql : ProviderSql
    {
        protected override RelationalTypeMapping Text { get; } = new StringTypeMapping("text", DbType.String);
        protected override RelationalTypeMapping Bool { get; } = new BoolTypeMapping("boolean");

        public override string DurationMinutes => "EXTRACT(EPOCH FROM (\"ResolvedAt\" - COALESCE(\"StartedAt\", \"TriggeredAt\"))) / 60.0";

        // year_month() is created by the PostgreSQL migrations (PostgreSqlSchema): an IMMUTABLE
        // function, so the month indexes can be built on exactly what the queries group by.
        public override SqlExpression YearMonth(SqlExpression utc) => new SqlFunctionExpression(PostgreSqlSchema.YearMonthFunction,
            [utc], nullable: true, argumentsPropagateNullability: [true], typeof(string), Text);

        // PostgreSQL's LIKE minds case; lower() on both sides leaves %, _ and \ as they are.
        public override SqlExpression Like(SqlExpression value, SqlExpression pattern) =>
            new LikeExpression(Lower(value), Lower(pattern), Escape, Bool);

        public override SqlExpression Caseless(SqlExpression text) => Lower(text);

        private SqlFunctionExpression Lower(SqlExpression text) =>
            new("lower", [text], nullable: true, argumentsPropagateNullability: [true], typeof(string), Text);
    }
}
