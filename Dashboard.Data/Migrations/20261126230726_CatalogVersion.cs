using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Migrations
{
    /// <summary>
    /// A one-row counter of changes to the dependency edges, kept by triggers so every writer
    /// (the UI, the seeder, scripts, cascades from deleted services) moves it. ServiceGraphCache reads
    /// it to know whether its in-memory graph is current. Plain SQL: EF Core has no model for
    /// triggers, so nothing of it is in the model snapshot.
    /// </summary>
    public partial class CatalogVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE TABLE \"CatalogVersion\" (\"Id\" INTEGER NOT NULL PRIMARY KEY CHECK (\"Id\" = 1), \"Value\" INTEGER NOT NULL);");
            migrationBuilder.Sql("INSERT INTO \"CatalogVersion\" (\"Id\", \"Value\") VALUES (1, 0);");
            foreach (var change in new[] { "INSERT", "UPDATE", "DELETE" })
                migrationBuilder.Sql($"CREATE TRIGGER \"TR_ServiceDependencies_{change}\" AFTER {change} ON \"ServiceDependencies\" " +
                                     "BEGIN UPDATE \"CatalogVersion\" SET \"Value\" = \"Value\" + 1 WHERE \"Id\" = 1; END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var change in new[] { "INSERT", "UPDATE", "DELETE" })
                migrationBuilder.Sql($"DROP TRIGGER \"TR_ServiceDependencies_{change}\";");
            migrationBuilder.Sql("DROP TABLE \"CatalogVersion\";");
        }
    }
}
