using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Dashboard.Data.PostgreSQL.Migrations
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
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "ReminderSentAt",
                table: "StatusMaintenances",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "StatusPostmortems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IncidentId = table.Column<int>(type: "integer", nullable: false),
                    Draft = table.Column<string>(type: "character varying(30000)", maxLength: 30000, nullable: false),
                    Body = table.Column<string>(type: "character varying(30000)", maxLength: 30000, nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PublishedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EditedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EditedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
                    StatusSubscriberId = table.Column<int>(type: "integer", nullable: false),
                    StatusPageComponentId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatusSubscriberComponents", x => new { x.StatusSubscriberId, x.StatusPageComponentId });
                    table.ForeignKey(
                        name: "FK_StatusSubscriberComponents_StatusPageComponents_StatusPageC~",
                        column: x => x.StatusPageComponentId,
                        principalTable: "StatusPageComponents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StatusSubscriberComponents_StatusSubscribers_StatusSubscrib~",
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
