using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class ChangeIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ChangeServices_Window",
                table: "ChangeServices",
                columns: new[] { "StartedAt", "ServiceId", "ChangeEventId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ChangeServices_Window",
                table: "ChangeServices");
        }
    }
}
