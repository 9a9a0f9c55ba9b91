namespace Dashboard.Data.Store;

/// <summary>
/// PostgreSQL's versions of the schema the SQLite migrations write as raw SQL (CatalogVersion,
/// ActionMonthIndexes): EF Core has no model for triggers, functions or expression indexes, so the
/// PostgreSQL migrations run these statements.
/// </summary>
public static class PostgreSqlSchema
{
    public const string YearMonthFunction = "year_month";

    /// <summary>"2025-11" from a timestamptz, read in UTC. IMMUTABLE is true for this format
    /// (no names of days or months, no zone), and lets indexes use it.</summary>
    public const string CreateYearMonth = """
        CREATE FUNCTION year_month(timestamptz) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT to_char($1 AT TIME ZONE 'UTC', 'YYYY-MM') $$;
        """;

    public static readonly string[] CreateMonthIndexes =
    [
        "CREATE INDEX \"IX_RemediationActions_CreatedMonth\" ON \"RemediationActions\" (year_month(\"CreatedAt\"), \"CreatedAt\");",
        "CREATE INDEX \"IX_RemediationActions_Status_CompletedMonth\" ON \"RemediationActions\" (\"Status\", year_month(\"CompletedAt\"), \"CompletedAt\");",
    ];

    /// <summary>The one-row counter of dependency-edge changes that ServiceGraphCache reads, moved by a row trigger as on SQLite.</summary>
    public static readonly string[] CreateCatalogVersion =
    [
        "CREATE TABLE \"CatalogVersion\" (\"Id\" integer NOT NULL PRIMARY KEY CHECK (\"Id\" = 1), \"Value\" bigint NOT NULL);",
        "INSERT INTO \"CatalogVersion\" (\"Id\", \"Value\") VALUES (1, 0);",
        """
        CREATE FUNCTION catalog_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN UPDATE "CatalogVersion" SET "Value" = "Value" + 1 WHERE "Id" = 1; RETURN NULL; END $$;
        """,
        "CREATE TRIGGER \"TR_ServiceDependencies_Change\" AFTER INSERT OR UPDATE OR DELETE ON \"ServiceDependencies\" FOR EACH ROW EXECUTE FUNCTION catalog_version_bump();",
        "CREATE TRIGGER \"TR_ServiceDependencies_Truncate\" AFTER TRUNCATE ON \"ServiceDependencies\" FOR EACH STATEMENT EXECUTE FUNCTION catalog_version_bump();",
    ];

    public static readonly string[] Drop =
    [
        "DROP TABLE \"CatalogVersion\";",
        "DROP FUNCTION catalog_version_bump() CASCADE;",
        "DROP INDEX \"IX_RemediationActions_Status_CompletedMonth\";",
        "DROP INDEX \"IX_RemediationActions_CreatedMonth\";",
        "DROP FUNCTION year_month(timestamptz);",
    ];
}
