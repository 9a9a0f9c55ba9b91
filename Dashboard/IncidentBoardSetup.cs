using Dashboard.Account;
using Dashboard.Api;
using Dashboard.Cluster;
using Dashboard.Components.Pages.Actions;
using Dashboard.Components.Pages.Audit;
using Dashboard.Data.Audit;
using Dashboard.Components.Pages.Review;
using Dashboard.Data.Postmortems;
using Dashboard.Data.Review;
using Dashboard.Export;
using Dashboard.Components.Shared;
using Dashboard.Data.Actions;
using Dashboard.Data;
using Dashboard.Data.Seeding;
using Dashboard.Data.Incidents;
using Dashboard.Host.Telemetry;
using Dashboard.Http;
using Dashboard.Webhooks;
using MudBlazor.Services;

namespace Dashboard;

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
        builder.Services.Configure<Dashboard.Data.Alerts.AlertOptions>(builder.Configuration.GetSection(Dashboard.Data.Alerts.AlertOptions.Section));
        builder.Services.AddRateLimits(builder.Configuration);
        builder.Services.AddTrustedProxies(builder.Configuration);
        builder.AddIncidentBoardTelemetry(database);
        return builder;
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

    /// <summary>/actions/export.csv?…: the Actions page's current filters, as a CSV download.</summary>
    public static IEndpointRouteBuilder MapActionsExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/actions/export.csv", async (HttpContext http, ActionQueries queries, CancellationToken ct) =>
        {
            var rows = await queries.ExportAsync(AppClaims.ActorOf(http.User), ActionFilter.FromQuery(http.Request.Query).ToQuery(), ct: ct);
            var today = queries.Today;
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"actions-{today:yyyy-MM-dd}.csv\"";
            await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            await ActionCsv.WriteAsync(rows, today, writer, ct);
        }).RequireAuthorization().RequireRateLimiting(RateLimits.Exports);
        return app;
    }

    /// <summary>
    /// /incidents/{slug}/postmortem.md (Markdown with YAML front matter, importable) and
    /// /incidents/{slug}/postmortem.html (standalone, print-ready): both from the saved version.
    /// </summary>
    public static IEndpointRouteBuilder MapPostmortemExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/incidents/{slug}/postmortem.md", async (string slug, PostmortemFiles files, HttpContext http, CancellationToken ct) =>
            await files.ExportMarkdownAsync(AppClaims.ActorOf(http.User), slug, ct) is { } file
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(file.Content), "text/markdown; charset=utf-8", file.FileName)
                : NoSuchIncident(slug))
            .RequireAuthorization(Policies.Read).RequireRateLimiting(RateLimits.Exports);
        app.MapGet("/incidents/{slug}/postmortem.html", async (string slug, PostmortemQueries queries, MarkdownRenderer renderer,
            TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            var viewer = AppClaims.ActorOf(http.User);
            var doc = await queries.GetAsync(viewer, slug, ct);
            var record = doc is null ? null : await queries.GetRecordAsync(viewer, doc.IncidentId, ct);
            if (doc is null || record is null) return NoSuchIncident(slug);
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{slug}.postmortem.html\"";
            return Results.Content(PostmortemHtml.Render(doc, record, renderer, clock.GetUtcNow().UtcDateTime), "text/html; charset=utf-8");
        }).RequireAuthorization(Policies.Read).RequireRateLimiting(RateLimits.Exports);
        return app;
    }

    private static IResult NoSuchIncident(string slug) => ApiProblems.Status(StatusCodes.Status404NotFound, $"No incident has the address {slug}.");

    /// <summary>/audit/export.csv?…: the audit page's current filters, as a CSV download.</summary>
    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/audit/export.csv", async (HttpContext http, AuditQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var query = AuditFilter.FromQuery(http.Request.Query).ToQuery();
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{clock.GetUtcNow():yyyy-MM-dd}.csv\"";
            await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            await AuditCsv.WriteAsync(queries.ExportAsync(AppClaims.ActorOf(http.User), query with { Page = 0 }, ct: ct), writer, ct);
        }).RequireAuthorization(Policies.Admin).RequireRateLimiting(RateLimits.Exports);
        return app;
    }

    /// <summary>/review/export.html?…: the review pack for the filters on screen, as a standalone file.</summary>
    public static IEndpointRouteBuilder MapReviewExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/review/export.html", async (HttpContext http, ReviewQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var filter = ReviewFilter.FromQuery(http.Request.Query);
            if (filter.Problems.Count > 0) return ApiProblems.Status(StatusCodes.Status400BadRequest, string.Join("; ", filter.Problems));
            var report = await queries.GetAsync(AppClaims.ActorOf(http.User), filter.ToQuery(now), ct);
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"review-{now:yyyy-MM-dd}.html\"";
            return Results.Content(ReviewHtml.Render(report, now), "text/html; charset=utf-8");
        }).RequireAuthorization(Policies.Read).RequireRateLimiting(RateLimits.Exports);
        return app;
    }
}
