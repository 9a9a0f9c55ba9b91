using Dashboard.Account;
using Dashboard.Actions;
using Dashboard.Alerts;
using Dashboard.Api;
using Dashboard.Audit;
using Dashboard.Calendar;
using Dashboard.Catalog;
using Dashboard.Changes;
using Dashboard.Data.Seeding;
using Dashboard.Host.Http;
using Dashboard.Host.Telemetry;
using Dashboard.Impact;
using Dashboard.Meetings;
using Dashboard.Notifications;
using Dashboard.Incidents;
using Dashboard.Learning;
using Dashboard.Postmortems;
using Dashboard.Questions;
using Dashboard.Review;
using Dashboard.StatusPages;
using Dashboard.Search;
using Dashboard.Timeline;
using Dashboard.Trackers;
using Dashboard.Ui;
using Dashboard.Webhooks;

namespace Dashboard.Host;

/// <summary>The app's start, its request pipeline in order, and every endpoint, each feature's own mapped here.</summary>
public static class Pipeline
{
    /// <summary>Migrates, seeds and makes the first owner; one instance at a time (an advisory lock on PostgreSQL).</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        app.Services.GetRequiredService<DatabaseFileLock>(); // held until shutdown: `restore` refuses while the app runs
        await using (await app.Services.GetRequiredService<StartupLock>().AcquireAsync())
        {
            await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            await app.Services.GetRequiredService<FirstRun>().BootstrapAsync();
        }
    }

    public static WebApplication UseIncidentBoardPipeline(this WebApplication app)
    {
        // First: everything after it (HSTS, cookies, rate limits, sign-in) sees the client's scheme and address, not the proxy's.
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts(); // sent only on HTTPS responses, and never for localhost
        }
        if (HttpsSetup.IsConfigured(app.Configuration)) app.UseHttpsRedirection();
        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        // Before authorization: with no user yet, every page leads to the owner form rather than to sign-in.
        app.Use((context, next) => context.RequestServices.GetRequiredService<FirstRun>().InvokeAsync(context, next));
        app.Use(ForcedPasswordChange.InvokeAsync);
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseIncidentBoardApi();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapIncidentBoardEndpoints(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapHealthEndpoint();
        app.MapIncidentBoardTelemetry(); // /metrics, /healthz/live, /healthz/ready
        app.MapAccountEndpoints();
        app.MapActionsExport();
        app.MapAuditExport();
        app.MapReviewExport();
        app.MapPostmortemExports();
        app.MapStatusPages();
        app.MapCalendarFeed();
        Dashboard.Notifications.NotificationSetup.MapNotificationEndpoints(app);
        var api = app.MapApiGroup();
        api.MapIncidentsApi();
        api.MapTimelineApi();
        api.MapActionsApi();
        api.MapAuditApi();
        api.MapPostmortemApi();
        api.MapImpactsApi();
        api.MapServicesApi();
        api.MapLinksApi();
        api.MapQuestionsApi();
        api.MapPeopleApi();
        api.MapWebhooksApi();
        api.MapChangesApi();
        api.MapStatusPagesApi();
        api.MapTrackersApi();
        api.MapSearchApi();
        api.MapTeamLeadsApi();
        api.MapMeetingsApi();
        api.MapAlertmanagerIngest();
        // SecurityHeaders sends the whole policy, frame-ancestors included: one header, not two to intersect.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        app.Lifetime.ApplicationStarted.Register(() =>
            app.Logger.LogInformation("IncidentBoard is ready at {Urls}", string.Join(", ", app.Urls)));
        return app;
    }

    /// <summary>
    /// /healthz: 200 "Healthy" only when the database answers a query, 503 "Unhealthy" otherwise.
    /// The reason goes to the log, not to the anonymous caller (it can name paths and SQL).
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (DatabaseHealth health, ILogger<DatabaseHealth> log, CancellationToken ct) =>
        {
            var (healthy, detail) = await health.CheckAsync(ct);
            if (healthy) return Results.Text("Healthy");
            log.LogError("Health check failed: {Detail}", detail);
            return Results.Text("Unhealthy", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }
}
