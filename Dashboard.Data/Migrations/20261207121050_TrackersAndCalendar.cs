using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class TrackersAndCalendar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CalendarFeeds",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    SecretHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarFeeds", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_CalendarFeeds_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewMeetings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IncidentId = table.Column<int>(type: "INTEGER", nullable: false),
                    StartsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    FacilitatorUserId = table.Column<string>(type: "TEXT", nullable: true),
                    Location = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewMeetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewMeetings_AspNetUsers_FacilitatorUserId",
                        column: x => x.FacilitatorUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ReviewMeetings_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TrackerConnections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    BaseUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Project = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Labels = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    IssueType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrackerConnections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReviewMeetingParticipants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewMeetingParticipants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewMeetingParticipants_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReviewMeetingParticipants_ReviewMeetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "ReviewMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TrackerIssues",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ActionId = table.Column<int>(type: "INTEGER", nullable: false),
                    IncidentId = table.Column<int>(type: "INTEGER", nullable: false),
                    ConnectionId = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IssueKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    IssueUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RemoteUpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrackerIssues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrackerIssues_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TrackerIssues_RemediationActions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "RemediationActions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TrackerIssues_TrackerConnections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "TrackerConnections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TrackerCalls",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TrackerIssueId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClaimToken = table.Column<Guid>(type: "TEXT", nullable: true),
                    LastAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 600, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrackerCalls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrackerCalls_TrackerIssues_TrackerIssueId",
                        column: x => x.TrackerIssueId,
                        principalTable: "TrackerIssues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CalendarFeeds_SecretHash",
                table: "CalendarFeeds",
                column: "SecretHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewMeetingParticipants_MeetingId_UserId",
                table: "ReviewMeetingParticipants",
                columns: new[] { "MeetingId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewMeetingParticipants_UserId",
                table: "ReviewMeetingParticipants",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewMeetings_FacilitatorUserId",
                table: "ReviewMeetings",
                column: "FacilitatorUserId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewMeetings_IncidentId",
                table: "ReviewMeetings",
                column: "IncidentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewMeetings_StartsAt",
                table: "ReviewMeetings",
                column: "StartsAt");

            migrationBuilder.CreateIndex(
                name: "IX_TrackerCalls_ClaimToken",
                table: "TrackerCalls",
                column: "ClaimToken");

            migrationBuilder.CreateIndex(
                name: "IX_TrackerCalls_Status_NextAttemptAt",
                table: "TrackerCalls",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TrackerCalls_TrackerIssueId",
                table: "TrackerCalls",
                column: "TrackerIssueId");

            migrationBuilder.CreateIndex(
                name: "IX_TrackerConnections_Name",
                table: "TrackerConnections",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrackerIssues_ActionId_ConnectionId",
                table: "TrackerIssues",
                columns: new[] { "ActionId", "ConnectionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrackerIssues_ConnectionId_ExternalId",
                table: "TrackerIssues",
                columns: new[] { "ConnectionId", "ExternalId" });

            migrationBuilder.CreateIndex(
                name: "IX_TrackerIssues_IncidentId",
                table: "TrackerIssues",
                column: "IncidentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CalendarFeeds");

            migrationBuilder.DropTable(
                name: "ReviewMeetingParticipants");

            migrationBuilder.DropTable(
                name: "TrackerCalls");

            migrationBuilder.DropTable(
                name: "ReviewMeetings");

            migrationBuilder.DropTable(
                name: "TrackerIssues");

            migrationBuilder.DropTable(
                name: "TrackerConnections");
        }
    }
}
