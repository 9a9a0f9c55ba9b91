using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class StatusPostmortemsDigestsQuestionsNearMisses : Migration
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

            migrationBuilder.AddColumn<bool>(
                name: "IsNearMiss",
                table: "Incidents",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "WhatSurprisedUs",
                table: "Incidents",
                type: "TEXT",
                nullable: true);

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
                name: "ReviewQuestions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IncidentId = table.Column<int>(type: "INTEGER", nullable: false),
                    TimelineEventId = table.Column<int>(type: "INTEGER", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    AskedBy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AnsweredBy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewQuestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewQuestions_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReviewQuestions_TimelineEvents_TimelineEventId",
                        column: x => x.TimelineEventId,
                        principalTable: "TimelineEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

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
                name: "IX_ReviewQuestions_IncidentId_CreatedAt",
                table: "ReviewQuestions",
                columns: new[] { "IncidentId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewQuestions_TimelineEventId",
                table: "ReviewQuestions",
                column: "TimelineEventId");

            migrationBuilder.CreateIndex(
                name: "IX_StatusPostmortems_IncidentId",
                table: "StatusPostmortems",
                column: "IncidentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StatusSubscriberComponents_StatusPageComponentId",
                table: "StatusSubscriberComponents",
                column: "StatusPageComponentId");

            migrationBuilder.CreateIndex(
                name: "IX_TeamLeads_UserId",
                table: "TeamLeads",
                column: "UserId");

            // The questions and "What surprised us" join the full-text index: raw SQL EF Core has no model for (Search/SearchIndexSql.cs).
            foreach (var sql in Dashboard.Data.Search.SearchIndexSql.QuestionsAndSurprises.CreateSqlite()) migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in Dashboard.Data.Search.SearchIndexSql.QuestionsAndSurprises.DropSqlite()) migrationBuilder.Sql(sql);

            migrationBuilder.DropTable(
                name: "DigestsSent");

            migrationBuilder.DropTable(
                name: "ReviewQuestions");

            migrationBuilder.DropTable(
                name: "StatusPostmortems");

            migrationBuilder.DropTable(
                name: "StatusSubscriberComponents");

            migrationBuilder.DropTable(
                name: "TeamLeads");

            migrationBuilder.DropColumn(
                name: "Groups",
                table: "StatusPages");

            migrationBuilder.DropColumn(
                name: "ReminderSentAt",
                table: "StatusMaintenances");

            migrationBuilder.DropColumn(
                name: "DigestFrequency",
                table: "NotificationSettings");

            migrationBuilder.DropColumn(
                name: "DigestHour",
                table: "NotificationSettings");

            migrationBuilder.DropColumn(
                name: "DigestWeekday",
                table: "NotificationSettings");

            migrationBuilder.DropColumn(
                name: "IsNearMiss",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "WhatSurprisedUs",
                table: "Incidents");
        }
    }
}
