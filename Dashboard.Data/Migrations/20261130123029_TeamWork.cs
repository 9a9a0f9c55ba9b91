using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class TeamWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "SloTarget",
                table: "Services",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SloWindow",
                table: "Services",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "Rolling30Days");

            migrationBuilder.AddColumn<double>(
                name: "WeightDegraded",
                table: "Services",
                type: "REAL",
                nullable: false,
                defaultValue: 0.1);

            migrationBuilder.AddColumn<double>(
                name: "WeightMajorOutage",
                table: "Services",
                type: "REAL",
                nullable: false,
                defaultValue: 1.0);

            migrationBuilder.AddColumn<double>(
                name: "WeightPartialOutage",
                table: "Services",
                type: "REAL",
                nullable: false,
                defaultValue: 0.5);

            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "RemediationActions",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreatedByUserId",
                table: "RemediationActions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OwnerUserId",
                table: "RemediationActions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsPrivate",
                table: "Incidents",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Theme",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ActionStatusChanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ActionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionStatusChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionStatusChanges_RemediationActions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "RemediationActions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IncidentLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FromIncidentId = table.Column<int>(type: "INTEGER", nullable: false),
                    ToIncidentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncidentLinks_Incidents_FromIncidentId",
                        column: x => x.FromIncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IncidentLinks_Incidents_ToIncidentId",
                        column: x => x.ToIncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IncidentParticipants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IncidentId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentParticipants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncidentParticipants_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IncidentParticipants_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RemediationActions_OwnerUserId",
                table: "RemediationActions",
                column: "OwnerUserId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionStatusChanges_ActionId_At",
                table: "ActionStatusChanges",
                columns: new[] { "ActionId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_IncidentLinks_FromIncidentId_ToIncidentId_Kind",
                table: "IncidentLinks",
                columns: new[] { "FromIncidentId", "ToIncidentId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IncidentLinks_ToIncidentId",
                table: "IncidentLinks",
                column: "ToIncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentParticipants_IncidentId_Role_UserId",
                table: "IncidentParticipants",
                columns: new[] { "IncidentId", "Role", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IncidentParticipants_UserId_IncidentId",
                table: "IncidentParticipants",
                columns: new[] { "UserId", "IncidentId" });

            migrationBuilder.AddForeignKey(
                name: "FK_RemediationActions_AspNetUsers_OwnerUserId",
                table: "RemediationActions",
                column: "OwnerUserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            // Existing actions get the history their own dates imply: opened when created, and
            // closed at the completion time where one was recorded.
            migrationBuilder.Sql("""
                INSERT INTO "ActionStatusChanges" ("ActionId", "Status", "At", "By")
                SELECT "Id", 'Open', "CreatedAt", NULL FROM "RemediationActions";
                INSERT INTO "ActionStatusChanges" ("ActionId", "Status", "At", "By")
                SELECT "Id", "Status", "CompletedAt", NULL FROM "RemediationActions"
                WHERE "CompletedAt" IS NOT NULL AND "Status" IN ('Done', 'WontDo');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_RemediationActions_AspNetUsers_OwnerUserId",
                table: "RemediationActions");

            migrationBuilder.DropTable(
                name: "ActionStatusChanges");

            migrationBuilder.DropTable(
                name: "IncidentLinks");

            migrationBuilder.DropTable(
                name: "IncidentParticipants");

            migrationBuilder.DropIndex(
                name: "IX_RemediationActions_OwnerUserId",
                table: "RemediationActions");

            migrationBuilder.DropColumn(
                name: "SloTarget",
                table: "Services");

            migrationBuilder.DropColumn(
                name: "SloWindow",
                table: "Services");

            migrationBuilder.DropColumn(
                name: "WeightDegraded",
                table: "Services");

            migrationBuilder.DropColumn(
                name: "WeightMajorOutage",
                table: "Services");

            migrationBuilder.DropColumn(
                name: "WeightPartialOutage",
                table: "Services");

            migrationBuilder.DropColumn(
                name: "CreatedBy",
                table: "RemediationActions");

            migrationBuilder.DropColumn(
                name: "CreatedByUserId",
                table: "RemediationActions");

            migrationBuilder.DropColumn(
                name: "OwnerUserId",
                table: "RemediationActions");

            migrationBuilder.DropColumn(
                name: "IsPrivate",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "Theme",
                table: "AspNetUsers");
        }
    }
}
