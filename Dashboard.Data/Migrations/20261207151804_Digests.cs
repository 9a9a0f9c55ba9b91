using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class Digests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DigestFrequency",
                table: "NotificationSettings",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Weekly");

            migrationBuilder.AddColumn<int>(
                name: "DigestHour",
                table: "NotificationSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 8);

            migrationBuilder.AddColumn<string>(
                name: "DigestWeekday",
                table: "NotificationSettings",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Monday");

            migrationBuilder.CreateTable(
                name: "DigestsSent",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Mailed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DigestsSent", x => new { x.UserId, x.Period });
                    table.ForeignKey(
                        name: "FK_DigestsSent_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TeamLeads",
                columns: table => new
                {
                    Team = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamLeads", x => new { x.Team, x.UserId });
                    table.ForeignKey(
                        name: "FK_TeamLeads_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DigestsSent_SentAt",
                table: "DigestsSent",
                column: "SentAt");

            migrationBuilder.CreateIndex(
                name: "IX_TeamLeads_UserId",
                table: "TeamLeads",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DigestsSent");

            migrationBuilder.DropTable(
                name: "TeamLeads");

            migrationBuilder.DropColumn(
                name: "DigestFrequency",
                table: "NotificationSettings");

            migrationBuilder.DropColumn(
                name: "DigestHour",
                table: "NotificationSettings");

            migrationBuilder.DropColumn(
                name: "DigestWeekday",
                table: "NotificationSettings");
        }
    }
}
