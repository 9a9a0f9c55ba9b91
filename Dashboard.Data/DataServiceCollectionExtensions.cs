using Dashboard.Data.Audit;
using Dashboard.Data.Graph;
using Dashboard.Data.Identity;
using Dashboard.Data.Postmortems;
using Dashboard.Data.Seeding;
using Dashboard.Data.Incidents;
using Dashboard.Data.MyWork;
using Dashboard.Data.Actions;
using Dashboard.Data.Review;
using Dashboard.Data.Impact;
using Dashboard.Data.Catalog;
using Dashboard.Data.Timeline;
using Dashboard.Data.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Data.Alerts;
using Dashboard.Data.ApiKeys;
using Dashboard.Data.Budgets;
using Dashboard.Data.Factors;
using Dashboard.Data.Learning;
using Dashboard.Data.Search;
using Dashboard.Data.Changes;
using Dashboard.Data.StatusPages;

namespace Dashboard.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>The data layer on SQLite at <paramref name="connectionString"/>.</summary>
    public static IServiceCollection AddIncidentBoardData(this IServiceCollection services, string connectionString) =>
        services.AddIncidentBoardData(new DatabaseOptions(DatabaseProvider.Sqlite, connectionString));

    public static IServiceCollection AddIncidentBoardData(this IServiceCollection services, DatabaseOptions database)
    {
        // Notifications tell bells when the transaction that made them commits (NotificationPublisher).
        services.AddSingleton<Notifications.NotificationPublisher>();
        services.AddDbContextFactory<IncidentBoardDbContext>((sp, o) => database.Apply(o).AddInterceptors(sp.GetRequiredService<Notifications.NotificationPublisher>()));
        services.AddSingleton(database);
        services.AddSingleton<StartupLock>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ChangeBus>();
        services.AddHybridCache();
        services.AddSingleton<AggregateCache>();
        services.AddSingleton<IIncidentAccess, Incidents.IncidentAccess>();
        services.AddSingleton<IAuditListener, Webhooks.WebhookOutbox>();
        services.AddSingleton<IAuditListener, Notifications.NotificationListener>();
        services.AddSingleton<WriteDoor>();
        services.AddSingleton<AuditQueries>();
        services.AddSingleton<SeedReport>();
        services.AddSingleton<Seeder>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<IncidentQueries>();
        services.AddSingleton<IncidentAccessCommands>();
        services.AddSingleton<MyWorkQueries>();
        services.AddSingleton<IncidentCommands>();
        services.AddSingleton<ActionQueries>();
        services.AddSingleton<ActionCommands>();
        services.AddSingleton<Learning.IncidentLinkCommands>();
        services.AddSingleton<Learning.LearningQueries>();
        services.AddSingleton<Budgets.BudgetQueries>();
        services.AddOptions<Budgets.BudgetOptions>();
        services.AddSingleton<TimelineQueries>();
        services.AddSingleton<TimelineCommands>();
        services.AddSingleton<ReviewQueries>();
        services.AddSingleton<PostmortemQueries>();
        services.AddSingleton<PostmortemCommands>();
        services.AddSingleton<PostmortemFiles>();
        services.AddOptions<PostmortemOptions>();
        services.AddSingleton<Factors.FactorQueries>();
        services.AddSingleton<Factors.FactorCommands>();
        services.AddSingleton<Questions.QuestionQueries>();
        services.AddSingleton<Questions.QuestionCommands>();
        services.AddOptions<Factors.FactorOptions>();
        services.AddSingleton<ServiceGraphCache>();
        services.AddSingleton<ServiceCatalogQueries>();
        services.AddSingleton<ServiceCatalogCommands>();
        services.AddSingleton<ImpactQueries>();
        services.AddSingleton<ImpactCommands>();
        services.AddSingleton<Search.QuickFind>();
        services.AddSingleton<Search.FullTextSearch>();
        services.AddSingleton<Themes.ThemeQueries>();
        services.AddSingleton<Themes.ThemeCommands>();
        services.AddSingleton<DatabaseHealth>();
        services.AddWebhookSecrets();
        services.AddSingleton<Webhooks.WebhookCommands>();
        services.AddSingleton<Webhooks.WebhookQueries>();
        services.AddSingleton<Webhooks.DeliveryStore>();
        services.AddOptions<Webhooks.WebhookOptions>();
        services.AddSingleton<Alerts.AlertIngest>();
        services.AddOptions<Alerts.AlertOptions>();
        services.AddSingleton<ApiKeys.ApiKeyCommands>();
        services.AddSingleton<ApiKeys.ApiKeyQueries>();
        services.AddSingleton<ApiKeys.IdempotencyStore>();
        services.AddSingleton<IncidentFeed>();
        services.AddSingleton<BulkTimelineCommands>();
        services.AddSingleton<TimelineEventQueries>();
        services.AddSingleton<Changes.ChangeCommands>();
        services.AddSingleton<Changes.ChangeQueries>();
        services.AddStatusPages();
        services.AddSingleton<Mail.MailDeliveryStore>();
        services.AddOptions<Mail.MailOptions>();
        services.AddSingleton<IAuditListener, Trackers.TrackerOutbox>();
        services.AddSingleton<Trackers.TrackerCommands>();
        services.AddSingleton<Trackers.TrackerQueries>();
        services.AddSingleton<Trackers.TrackerCallStore>();
        services.AddSingleton<Deadlines.PostmortemDeadlines>();
        services.AddOptions<Deadlines.PostmortemPolicyOptions>();
        services.AddSingleton<Calendar.CalendarCommands>();
        services.AddSingleton<Calendar.CalendarQueries>();
        services.AddSingleton<Meetings.MeetingCommands>();
        services.AddSingleton<Meetings.MeetingQueries>();
        services.AddSingleton<Mail.FailedDeliveryQueries>();
        services.AddSingleton<Notifications.Notifier>();
        services.AddSingleton<Notifications.NotificationScan>();
        services.AddSingleton<Notifications.DigestJob>();
        services.AddSingleton<Notifications.NotificationQueries>();
        services.AddSingleton<Notifications.NotificationCommands>();
        services.AddOptions<Notifications.NotificationOptions>();
        services.AddOptions<PublicAddress>();
        services.AddIncidentBoardIdentity();
        return services;
    }
}
