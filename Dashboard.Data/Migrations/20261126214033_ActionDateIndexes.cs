using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class ActionDateIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_RemediationActions_CompletedAt",
                table: "RemediationActions",
                column: "CompletedAt");

            migrationBuilder.CreateIndex(
                name: "IX_RemediationActions_CreatedAt",
                table: "RemediationActions",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RemediationActions_CompletedAt",
                table: "RemediationActions");

            migrationBuilder.DropIndex(
                name: "IX_RemediationActions_CreatedAt",
                table: "RemediationActions");
        }
    }
}
