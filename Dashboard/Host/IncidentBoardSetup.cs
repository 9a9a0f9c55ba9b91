using Dashboard.Account;
using Dashboard.Api;
using Dashboard.Data;
using Dashboard.Data.Seeding;
using Dashboard.Host.Telemetry;
using Dashboard.Webhooks;
using MudBlazor.Services;
using Dashboard.Host.Http;
using Dashboard.Ui.Kit;
using Dashboard.Host.Cluster;
using Dashboard.Incidents;
using Dashboard.Data.Alerts;
using Dashboard.Data.Budgets;
using Dashboard.Data.Factors;
using Dashboard.Data.Postmortems;
using Dashboard.Changes;
using Dashboard.StatusPages;
using Dashboard.Trackers;

namespace Dashboard.Host;

/// <summary>The app's registrations and endpoints, so Program.cs stays a short list of steps.</summary>
public static class IncidentBoardSetup
{
    public const int MaxHubMessageBytes = 128 * 1024;

    public static WebApplicationBuilder AddIncidentBoard(this WebApplicationBuilder builder)
    {
        var database = DatabaseSettings.Read(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddIncidentBoardData(database);
        builder.Services.AddSingleton(sp => new DatabaseFileLock(database, sp.GetRequiredService<ILogger<DatabaseFileLock>>()));
        builder.AddIncidentBoardCluster(database);
        builder.Services.Configure<SeedOptions>(builder.Configuration.GetSection(SeedOptions.Section));
        builder.Services.Configure<Dashboard.Data.Budgets.BudgetOptions>(builder.Configuration.GetSection(Dashboard.Data.Budgets.BudgetOptions.Section));
        builder.Services.Configure<Dashboard.Data.Factors.FactorOptions>(builder.Configuration.GetSection(Dashboard.Data.Factors.FactorOptions.Section));
        builder.Services.Configure<Dashboard.Data.Postmortems.PostmortemOptions>(builder.Configuration.GetSection(Dashboard.Data.Postmortems.PostmortemOptions.Section));
        builder.Services.Configure<Dashboard.Data.Deadlines.PostmortemPolicyOptions>(builder.Configuration.GetSection(Dashboard.Data.Deadlines.PostmortemPolicyOptions.Section));
        builder.Services.Configure<Dashboard.Changes.ChangeWebhookOptions>(builder.Configuration.GetSection(Dashboard.Changes.ChangeWebhookOptions.Section));
        builder.Services.AddSingleton<MarkdownRenderer>();
        builder.Services.AddScoped<BrowserInterop>();
        // Every message from a browser is buffered whole before it is read, so the limit is what
        // one client can make the server hold. Large texts (a pasted chat log, the postmortem) come
        // through JS streams in chunks instead (see BrowserInterop.ReadTextAsync).
        builder.Services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(o => o.MaximumReceiveMessageSize = MaxHubMessageBytes);
        builder.Services.AddMudServices();
        builder.AddIncidentBoardAuth();
        builder.Services.AddWebhookDelivery(builder.Configuration).AddHostedService<Webhooks.WebhookWorker>();
        Dashboard.Mail.MailSetup.AddMail(builder.Services, builder.Configuration);
        builder.Services.AddPublicAddress(builder.Configuration);
        builder.Services.AddTrackers(builder.Configuration).AddHostedService<Trackers.TrackerWorker>();
        Dashboard.Notifications.NotificationSetup.AddNotifications(builder.Services, builder.Configuration);
        builder.Services.Configure<Dashboard.Data.Alerts.AlertOptions>(builder.Configuration.GetSection(Dashboard.Data.Alerts.AlertOptions.Section));
        builder.Services.AddRateLimits(builder.Configuration);
        builder.Services.AddStatusPageEdge(builder.Configuration);
        builder.Services.AddTrustedProxies(builder.Configuration);
        builder.AddIncidentBoardTelemetry(database);
        builder.AddIncidentBoardApi();
        return builder;
    }
}
