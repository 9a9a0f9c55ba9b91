using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class StatusPostmortemsRemindersGroups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Groups",
                table: "StatusPages",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "ReminderSentAt",
                table: "StatusMaintenances",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "StatusPostmortems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IncidentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Draft = table.Column<string>(type: "TEXT", maxLength: 30000, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 30000, nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PublishedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EditedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EditedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatusPostmortems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StatusPostmortems_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StatusSubscriberComponents",
                columns: table => new
                {
                    StatusSubscriberId = table.Column<int>(type: "INTEGER", nullable: false),
                    StatusPageComponentId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatusSubscriberComponents", x => new { x.StatusSubscriberId, x.StatusPageComponentId });
                    table.ForeignKey(
                        name: "FK_StatusSubscriberComponents_StatusPageComponents_StatusPageComponentId",
                        column: x => x.StatusPageComponentId,
                        principalTable: "StatusPageComponents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StatusSubscriberComponents_StatusSubscribers_StatusSubscriberId",
                        column: x => x.StatusSubscriberId,
                        principalTable: "StatusSubscribers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StatusPostmortems_IncidentId",
                table: "StatusPostmortems",
                column: "IncidentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StatusSubscriberComponents_StatusPageComponentId",
                table: "StatusSubscriberComponents",
                column: "StatusPageComponentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StatusPostmortems");

            migrationBuilder.DropTable(
                name: "StatusSubscriberComponents");

            migrationBuilder.DropColumn(
                name: "Groups",
                table: "StatusPages");

            migrationBuilder.DropColumn(
                name: "ReminderSentAt",
                table: "StatusMaintenances");
        }
    }
}
