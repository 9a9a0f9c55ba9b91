using System.Diagnostics.Metrics;
using Dashboard.Data.Telemetry;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Dashboard.Incidents;

namespace Dashboard.Host.Telemetry;

/// <summary>
/// Running the app the way SREs run their own services: metrics on /metrics (Prometheus) and over
/// OTLP, traces over OTLP, liveness and readiness probes, and JSON logs that carry the trace id.
/// </summary>
public static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";
    public const string LivePath = "/healthz/live";
    public const string ReadyPath = "/healthz/ready";
    private const string ReadyTag = "ready";
    private const string NpgsqlEfProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    public static WebApplicationBuilder AddIncidentBoardTelemetry(this WebApplicationBuilder builder, DatabaseOptions database)
    {
        var services = builder.Services;
        builder.AddStructuredLogging();
        var metricsSection = builder.Configuration.GetSection(MetricsOptions.Section);
        services.AddOptions<MetricsOptions>().Bind(metricsSection).PostConfigure(o =>
        {
            // One string (Metrics__AllowedNetworks="10.0.0.0/8,192.168.0.0/16") binds to no list entry: take it as one.
            if (metricsSection[nameof(MetricsOptions.AllowedNetworks)] is { Length: > 0 } single) o.AllowedNetworks = [.. o.AllowedNetworks, single];
        });
        services.AddSingleton<MetricsAccess>();
        services.AddSingleton<DataMetrics>();
        services.AddSingleton<OperationalQueries>();
        services.AddSingleton<OperationalGauges>();
        services.AddSingleton<AppMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, ActiveCircuits>());

        var health = services.AddHealthChecks()
            // A query on our own table: CanConnect alone would pass on an empty SQLite file made where the real one went missing.
            .AddDbContextCheck<IncidentBoardDbContext>("database", tags: [ReadyTag],
                customTestQuery: async (db, ct) =>
                {
                    await db.Incidents.AnyAsync(ct); // answering is the test, whatever the answer
                    return true;
                })
            .AddCheck<MigrationsAppliedCheck>("migrations", tags: [ReadyTag]);
        if (database.IsPostgreSql) health.AddCheck<ChangeRelayCheck>("change-relay", tags: [ReadyTag]);

        AddOpenTelemetry(builder, database);
        return builder;
    }

    /// <summary><c>Logging:Format=json</c>: one JSON object per line, with scopes, so every line of a request carries its TraceId and SpanId.</summary>
    public static WebApplicationBuilder AddStructuredLogging(this WebApplicationBuilder builder)
    {
        if (string.Equals(builder.Configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase))
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                // Read by a log shipper, never put in a page: keep quotes and '+' as they are, so the lines stay greppable.
                o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            });
        return builder;
    }

    /// <summary>True when the standard OTEL_EXPORTER_OTLP_* variables name a collector; without one nothing is traced or pushed.</summary>
    public static bool OtlpConfigured(IConfiguration configuration) =>
        new[] { "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT" }
            .Any(name => !string.IsNullOrWhiteSpace(configuration[name]));

    private static void AddOpenTelemetry(WebApplicationBuilder builder, DatabaseOptions database)
    {
        var otel = builder.Services.AddOpenTelemetry().ConfigureResource(resource =>
        {
            // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win when set (the SDK reads them).
            if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
                resource.AddService("incidentboard", serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString());
        });
        // Metrics always: /metrics is read from them, OTLP only adds a second reader.
        otel.WithMetrics(metrics =>
        {
            metrics.AddMeter(DataMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                // Each scrape collects afresh: the database gauges already have their own short cache.
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
            if (database.IsPostgreSql) metrics.AddNpgsqlInstrumentation();
            // A meter listener hears every meter of the process, also those another host made from its
            // own IMeterFactory (several hosts share a test run). Keep this host's and the process-wide ones.
            ((IDeferredMeterProviderBuilder)metrics).Configure((sp, b) =>
            {
                var own = sp.GetRequiredService<IMeterFactory>();
                b.AddView(instrument => instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, own) ? null : MetricStreamConfiguration.Drop);
            });
        });
        // Tracing costs an Activity per request and per command: only when a collector will receive it.
        if (!OtlpConfigured(builder.Configuration)) return;
        otel.WithTracing(tracing =>
        {
            tracing.AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path))
                .AddHttpClientInstrumentation() // the webhooks, the trackers, the OpenID Connect provider
                .AddSource(Dashboard.Mail.MailRelay.Traces.Name)
                // On PostgreSQL, Npgsql's own spans cover EF's commands and the relay's: one span per command, not two.
                .AddEntityFrameworkCoreInstrumentation(o => o.Filter = (provider, _) => provider != NpgsqlEfProvider);
            if (database.IsPostgreSql) tracing.AddNpgsql();
        });
        otel.UseOtlpExporter();
    }

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments(MetricsPath);

    /// <summary>/metrics (Prometheus text), /healthz/live and /healthz/ready; /healthz itself stays as it was.</summary>
    public static WebApplication MapIncidentBoardTelemetry(this WebApplication app)
    {
        var access = app.Services.GetRequiredService<MetricsAccess>(); // a malformed Metrics:AllowedNetworks stops the start
        app.Services.GetRequiredService<AppMetrics>(); // the gauges exist before the first scrape
        app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use((context, next) =>
            access.Check(context) switch
            {
                MetricsVerdict.Allowed => next(),
                // A wrong token is told so; anyone else finds nothing here.
                MetricsVerdict.WrongToken => Refuse(context, StatusCodes.Status403Forbidden),
                _ => Refuse(context, StatusCodes.Status404NotFound),
            }), optionsName: null);
        // Live: the process answers (no check runs). Ready: the database answers on the expected schema
        // (and on PostgreSQL the relay listens); a load balancer stops sending traffic while it is not.
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponses.WriteAsync });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = HealthResponses.WriteAsync });
        var gauges = app.Services.GetRequiredService<OperationalGauges>();
        app.Lifetime.ApplicationStarted.Register(gauges.StartRefresh);
        return app;
    }

    private static Task Refuse(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
