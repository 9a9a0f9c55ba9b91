using Dashboard.Data.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Dashboard.Data.Actions;
using Dashboard.Data.Alerts;
using Dashboard.Data.ApiKeys;
using Dashboard.Data.Catalog;
using Dashboard.Data.Impact;
using Dashboard.Data.Incidents;
using Dashboard.Data.Learning;
using Dashboard.Data.Postmortems;
using Dashboard.Data.Seeding;
using Dashboard.Data.Timeline;
using Dashboard.Data.Webhooks;
using Dashboard.Data.Factors;
using Dashboard.Data.Changes;

namespace Dashboard.Data.Store;

/// <summary>The one database: incidents and their records, the catalog, the audit trail, and the accounts (ASP.NET Core Identity).</summary>
public class IncidentBoardDbContext(DbContextOptions<IncidentBoardDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<IncidentSource> IncidentSources => Set<IncidentSource>();
    public DbSet<TimelineEvent> TimelineEvents => Set<TimelineEvent>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<ServiceDependency> ServiceDependencies => Set<ServiceDependency>();
    public DbSet<ServiceImpact> ServiceImpacts => Set<ServiceImpact>();
    public DbSet<RemediationAction> RemediationActions => Set<RemediationAction>();
    public DbSet<Factors.Factor> Factors => Set<Factors.Factor>();
    public DbSet<Questions.ReviewQuestion> ReviewQuestions => Set<Questions.ReviewQuestion>();
    public DbSet<SeedFile> SeedFiles => Set<SeedFile>();
    public DbSet<PostmortemTransition> PostmortemTransitions => Set<PostmortemTransition>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<IncidentParticipant> IncidentParticipants => Set<IncidentParticipant>();
    public DbSet<IncidentLink> IncidentLinks => Set<IncidentLink>();
    public DbSet<ActionStatusChange> ActionStatusChanges => Set<ActionStatusChange>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<AlertGroup> AlertGroups => Set<AlertGroup>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<Changes.ChangeEvent> ChangeEvents => Set<Changes.ChangeEvent>();
    public DbSet<Changes.ChangeService> ChangeServices => Set<Changes.ChangeService>();
    public DbSet<Changes.ChangeMark> ChangeMarks => Set<Changes.ChangeMark>();
    public DbSet<StatusPages.StatusPage> StatusPages => Set<StatusPages.StatusPage>();
    public DbSet<StatusPages.StatusPageComponent> StatusPageComponents => Set<StatusPages.StatusPageComponent>();
    public DbSet<StatusPages.StatusUpdate> StatusUpdates => Set<StatusPages.StatusUpdate>();
    public DbSet<StatusPages.StatusUpdatePage> StatusUpdatePages => Set<StatusPages.StatusUpdatePage>();
    public DbSet<StatusPages.StatusMaintenance> StatusMaintenances => Set<StatusPages.StatusMaintenance>();
    public DbSet<StatusPages.StatusSubscriber> StatusSubscribers => Set<StatusPages.StatusSubscriber>();
    public DbSet<StatusPages.StatusSubscriberComponent> StatusSubscriberComponents => Set<StatusPages.StatusSubscriberComponent>();
    public DbSet<StatusPages.StatusPostmortem> StatusPostmortems => Set<StatusPages.StatusPostmortem>();
    public DbSet<Mail.OutboundMail> OutboundMails => Set<Mail.OutboundMail>();
    public DbSet<Trackers.TrackerConnection> TrackerConnections => Set<Trackers.TrackerConnection>();
    public DbSet<Trackers.TrackerIssue> TrackerIssues => Set<Trackers.TrackerIssue>();
    public DbSet<Trackers.TrackerCall> TrackerCalls => Set<Trackers.TrackerCall>();
    public DbSet<Calendar.CalendarFeed> CalendarFeeds => Set<Calendar.CalendarFeed>();
    public DbSet<Meetings.ReviewMeeting> ReviewMeetings => Set<Meetings.ReviewMeeting>();
    public DbSet<Meetings.ReviewMeetingParticipant> ReviewMeetingParticipants => Set<Meetings.ReviewMeetingParticipant>();
    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();
    public DbSet<Notifications.NotificationPreference> NotificationPreferences => Set<Notifications.NotificationPreference>();
    public DbSet<Notifications.NotificationSettings> NotificationSettings => Set<Notifications.NotificationSettings>();
    public DbSet<Notifications.IncidentFollow> IncidentFollows => Set<Notifications.IncidentFollow>();
    public DbSet<Notifications.DigestSent> DigestsSent => Set<Notifications.DigestSent>();
    public DbSet<Notifications.TeamLead> TeamLeads => Set<Notifications.TeamLead>();
    public DbSet<Themes.Theme> Themes => Set<Themes.Theme>();

    /// <summary>ASP.NET Core's data-protection keys, so every app instance reads and writes cookies with the same keys.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder); // Identity's tables and keys
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(IncidentBoardDbContext).Assembly);
        var sql = ProviderSql.For(Database);
        sql.Configure(modelBuilder);
        // Stored generated column: duration from impact start (or trigger) to resolution, so the
        // incidents list can sort by it in SQL.
        modelBuilder.Entity<Incident>().Property(i => i.DurationMinutes).HasComputedColumnSql(sql.DurationMinutes, stored: true);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime we store is UTC. SQLite keeps no kind, so mark it on the way out; Npgsql
        // refuses any kind but Utc for timestamptz, so a local time is converted and an unspecified
        // one is taken as UTC on the way in. The provider type stays DateTime, so comparisons and
        // ORDER BY still run in SQL.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
