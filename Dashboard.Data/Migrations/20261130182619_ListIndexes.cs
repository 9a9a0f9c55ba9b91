using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class ListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Incidents_Organisation_IsPrivate",
                table: "Incidents",
                columns: new[] { "Organisation", "IsPrivate" });

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_Private",
                table: "Incidents",
                column: "IsPrivate",
                filter: "\"IsPrivate\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Incidents_Organisation_IsPrivate",
                table: "Incidents");

            migrationBuilder.DropIndex(
                name: "IX_Incidents_Private",
                table: "Incidents");
        }
    }
}
