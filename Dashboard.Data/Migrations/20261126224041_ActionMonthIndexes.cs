using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Migrations
{
    /// <summary>
    /// Expression indexes on the UTC month of an action's creation and completion (the first seven
    /// characters of the stored ISO text, see SqlFunctions.YearMonth). The review's opened/closed
    /// per month trend reads them alone instead of sorting 100,000 rows. EF Core has no model API
    /// for expression indexes, so they are plain SQL here and do not appear in the model snapshot.
    /// </summary>
    public partial class ActionMonthIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX \"IX_RemediationActions_CreatedMonth\" ON \"RemediationActions\" (substr(\"CreatedAt\", 1, 7), \"CreatedAt\");");
            migrationBuilder.Sql("CREATE INDEX \"IX_RemediationActions_Status_CompletedMonth\" ON \"RemediationActions\" (\"Status\", substr(\"CompletedAt\", 1, 7), \"CompletedAt\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX \"IX_RemediationActions_Status_CompletedMonth\";");
            migrationBuilder.Sql("DROP INDEX \"IX_RemediationActions_CreatedMonth\";");
        }
    }
}
