using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Dashboard.Data.PostgreSQL.Migrations
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
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "ReminderSentAt",
                table: "StatusMaintenances",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DigestFrequency",
                table: "NotificationSettings",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Weekly");

            migrationBuilder.AddColumn<int>(
                name: "DigestHour",
                table: "NotificationSettings",
                type: "integer",
                nullable: false,
                defaultValue: 8);

            migrationBuilder.AddColumn<string>(
                name: "DigestWeekday",
                table: "NotificationSettings",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Monday");

            migrationBuilder.AddColumn<bool>(
                name: "IsNearMiss",
                table: "Incidents",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "WhatSurprisedUs",
                table: "Incidents",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DigestsSent",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    Period = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Mailed = table.Column<bool>(type: "boolean", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IncidentId = table.Column<int>(type: "integer", nullable: false),
                    TimelineEventId = table.Column<int>(type: "integer", nullable: true),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    AskedBy = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AnsweredBy = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "TeamLeads",
                columns: table => new
                {
                    Team = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false)
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
            foreach (var sql in Dashboard.Data.Search.SearchIndexSql.QuestionsAndSurprises.CreatePostgreSql()) migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in Dashboard.Data.Search.SearchIndexSql.QuestionsAndSurprises.DropPostgreSql()) migrationBuilder.Sql(sql);

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
