using System.Collections.Concurrent;
using System.Text;
using System.Threading.RateLimiting;
using Dashboard.Account;
using Dashboard.Api;
using Dashboard.Data.StatusPages;
using Dashboard.Host.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Dashboard.StatusPages;

/// <summary>
/// The status pages' edge: <c>/pages/{key}</c> and its JSON, feeds, badge and widget. Every answer is
/// written from the in-memory snapshot (<see cref="StatusSnapshots"/>) and kept as bytes until the
/// snapshot changes, so a visitor costs no database work and the page answers, with its last state,
/// while the database is down. The audience is checked here, on the server, for every format;
/// answers are cacheable (ETag, and public caching for public pages) and rate-limited per client address.
/// </summary>
public static class PublicStatusEndpoints
{
    public const string RateLimit = "status-pages";
    /// <summary>Email sign-ups, per client address (settings <c>RateLimits:StatusSignUps</c>): each one can send a mail.</summary>
    public const string SignUpLimit = "status-sign-ups";

    public static IEndpointRouteBuilder MapStatusPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/pages/status.css", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(PublicPageHtml.Css, "text/css; charset=utf-8");
        }).AllowAnonymous().RequireRateLimiting(RateLimit).ExcludeFromDescription();
        var page = app.MapGroup("/pages/{key}").AllowAnonymous().RequireRateLimiting(RateLimit).ExcludeFromDescription();
        page.MapGet("/", (string key, HttpContext http, StatusEdge edge) => edge.Answer(http, key, Format.Page));
        page.MapGet("/widget", (string key, HttpContext http, StatusEdge edge) => edge.Answer(http, key, Format.Widget));
        page.MapGet("/badge.svg", (string key, HttpContext http, StatusEdge edge) => edge.Answer(http, key, Format.Badge));
        page.MapGet("/feed.atom", (string key, HttpContext http, StatusEdge edge) => edge.Answer(http, key, Format.Atom));
        page.MapGet("/feed.rss", (string key, HttpContext http, StatusEdge edge) => edge.Answer(http, key, Format.Rss));
        page.MapGet("/api/v2/summary.json", (string key, HttpContext http, StatusEdge edge) => edge.Answer(http, key, Format.Summary));
        page.MapGet("/api/v2/status.json", (string key, HttpContext http, StatusEdge edge) => edge.Answer(http, key, Format.Status));
        page.MapGet("/api/v2/components.json", (string key, HttpContext http, StatusEdge edge) => edge.Answer(http, key, Format.Components));
        page.MapGet("/api/v2/incidents.json", (string key, HttpContext http, StatusEdge edge) => edge.Answer(http, key, Format.Incidents));
        page.MapGet("/api/v2/incidents/unresolved.json", (string key, HttpContext http, StatusEdge edge) => edge.Answer(http, key, Format.Unresolved));
        page.MapGet("/api/v2/scheduled-maintenances.json", (string key, HttpContext http, StatusEdge edge) => edge.Answer(http, key, Format.Maintenances));
        page.MapGet("/api/v2/scheduled-maintenances/upcoming.json", (string key, HttpContext http, StatusEdge edge) => edge.Answer(http, key, Format.UpcomingMaintenances));
        page.MapGet("/api/v2/scheduled-maintenances/active.json", (string key, HttpContext http, StatusEdge edge) => edge.Answer(http, key, Format.ActiveMaintenances));
        page.MapStatusSubscriptions();
        return app;
    }

    /// <summary>Per client address, in fixed windows (settings <c>RateLimits:StatusPages</c>): a flood from one address slows that address only.</summary>
    public static IServiceCollection AddStatusPageEdge(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitSettings>(RateLimit).Configure(s => (s.PermitLimit, s.WindowSeconds) = (600, 60))
            .Bind(configuration.GetSection("RateLimits:StatusPages"));
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(RateLimit, new PerAddressPolicy(RateLimit)));
        services.AddOptions<RateLimitSettings>(SignUpLimit).Configure(s => (s.PermitLimit, s.WindowSeconds) = (5, 900))
            .Bind(configuration.GetSection("RateLimits:StatusSignUps"));
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(SignUpLimit, new PerAddressPolicy(SignUpLimit)));
        services.AddSingleton<StatusEdge>();
        services.AddHostedService<StatusSnapshotWorker>();
        services.AddHostedService<MaintenanceReminderWorker>();
        return services;
    }

    /// <summary>Fixed windows per client address; the excess gets a 429 problem with Retry-After, as the app's other limits answer.</summary>
    private sealed class PerAddressPolicy(string name) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, _) =>
        {
            var settings = Settings(context.HttpContext);
            var after = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(settings.WindowSeconds);
            await ApiProblems.TooManyRequests(after, $"More than {settings.PermitLimit} {(name == SignUpLimit ? "sign-ups" : "status page requests")} in {settings.WindowSeconds} s from this address; wait and retry.")
                .ExecuteAsync(context.HttpContext);
        };

        public RateLimitPartition<string> GetPartition(HttpContext http)
        {
            var settings = Settings(http);
            return RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Key(http.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = settings.PermitLimit, Window = TimeSpan.FromSeconds(settings.WindowSeconds), QueueLimit = 0,
            });
        }

        private RateLimitSettings Settings(HttpContext http) => http.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitSettings>>().Get(name);
    }

    public enum Format { Page, Widget, Badge, Atom, Rss, Summary, Status, Components, Incidents, Unresolved, Maintenances, UpcomingMaintenances, ActiveMaintenances }
}

/// <summary>Answers one format of one page from the snapshot, rendering each at most once per snapshot.</summary>
public sealed class StatusEdge(StatusSnapshots snapshots)
{
    private sealed record Rendered(PageSnapshot Snapshot, string Origin, byte[] Body, string ETag);

    private readonly ConcurrentDictionary<(string Key, PublicStatusEndpoints.Format Format), Rendered> _rendered = new();

    public IResult Answer(HttpContext http, string key, PublicStatusEndpoints.Format format)
    {
        var html = format is PublicStatusEndpoints.Format.Page or PublicStatusEndpoints.Format.Widget;
        if (!snapshots.IsReady)
        {
            http.Response.Headers.RetryAfter = "5";
            return ApiProblems.Status(StatusCodes.Status503ServiceUnavailable, "The status pages are starting; try again in a few seconds.");
        }
        var snapshot = snapshots.Find(key);
        var refused = snapshot is null ? false : Refused(http, snapshot.Page);
        if (snapshot is null || refused is false) return ApiProblems.NotFound("status page");
        if (refused is true) return html ? Results.Challenge() : ApiProblems.Status(StatusCodes.Status401Unauthorized, "Sign in to read this status page.");

        var origin = $"{http.Request.Scheme}://{http.Request.Host}";
        var rendered = _rendered.GetValueOrDefault((key, format));
        if (rendered is null || !ReferenceEquals(rendered.Snapshot, snapshot) || rendered.Origin != origin)
        {
            var body = Render(snapshot, format, origin);
            rendered = new Rendered(snapshot, origin, body, $"\"{snapshot.BuiltAt.Ticks:x}-{(int)format}-{body.Length:x}\"");
            _rendered[(key, format)] = rendered; // one per page and format: a made-up Host header replaces it, it does not add to it
        }

        var headers = http.Response.Headers;
        headers.ETag = rendered.ETag;
        headers.LastModified = snapshot.BuiltAt.ToString("R");
        headers.CacheControl = snapshot.Page.Audience == StatusAudience.Public ? "public, max-age=10" : "private, no-cache";
        if (snapshot.Page.Audience != StatusAudience.Public) headers.Vary = "Cookie";
        if (html)
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' https: data:; base-uri 'none'; form-action 'none'; "
                + string.Join(' ', ["frame-ancestors 'self'", .. snapshot.Page.EmbedOrigins]);
        if (format == PublicStatusEndpoints.Format.Page) headers.ContentSecurityPolicy = headers.ContentSecurityPolicy.ToString().Replace("form-action 'none'", "form-action 'self'");
        if (format == PublicStatusEndpoints.Format.Page || format == PublicStatusEndpoints.Format.Widget || format == PublicStatusEndpoints.Format.Badge)
            headers.Remove("X-Frame-Options");
        if (http.Request.Headers.IfNoneMatch.ToString() == rendered.ETag) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(rendered.Body, ContentType(format));
    }

    /// <summary>
    /// Null: may read. True: must sign in first. False: signed in without a role or OIDC group the page names
    /// (answered as not found, so the page's name does not leak). Every format of the page comes through here.
    /// </summary>
    private static bool? Refused(HttpContext http, PublicPage page)
    {
        if (page.Audience == StatusAudience.Public) return null;
        if (http.User.Identity?.IsAuthenticated != true) return true;
        if (page.Audience == StatusAudience.Internal) return null;
        return page.Admits(AppClaims.ActorOf(http.User).Role, AppClaims.GroupsOf(http.User)) ? null : false;
    }

    private static byte[] Render(PageSnapshot s, PublicStatusEndpoints.Format format, string origin)
    {
        var root = $"/pages/{Uri.EscapeDataString(s.Page.Key)}/";
        var url = origin + $"/pages/{Uri.EscapeDataString(s.Page.Key)}";
        return format switch
        {
            PublicStatusEndpoints.Format.Page => Encoding.UTF8.GetBytes(PublicPageHtml.Page(s, root, "/pages/status.css", subscribe: s.Page.Audience == StatusAudience.Public)),
            PublicStatusEndpoints.Format.Widget => Encoding.UTF8.GetBytes(PublicPageHtml.Widget(s, url)),
            PublicStatusEndpoints.Format.Badge => StatusBadge.Svg(s),
            PublicStatusEndpoints.Format.Atom => StatusFeeds.Atom(s, url),
            PublicStatusEndpoints.Format.Rss => StatusFeeds.Rss(s, url),
            PublicStatusEndpoints.Format.Summary => StatusV2Json.Summary(s, url),
            PublicStatusEndpoints.Format.Status => StatusV2Json.Status(s, url),
            PublicStatusEndpoints.Format.Components => StatusV2Json.ComponentsDocument(s, url),
            PublicStatusEndpoints.Format.Incidents => StatusV2Json.Incidents(s, url, unresolvedOnly: false),
            PublicStatusEndpoints.Format.Unresolved => StatusV2Json.Incidents(s, url, unresolvedOnly: true),
            PublicStatusEndpoints.Format.UpcomingMaintenances => StatusV2Json.Maintenances(s, url, StatusV2Json.MaintenanceList.Upcoming),
            PublicStatusEndpoints.Format.ActiveMaintenances => StatusV2Json.Maintenances(s, url, StatusV2Json.MaintenanceList.Active),
            _ => StatusV2Json.Maintenances(s, url),
        };
    }

    private static string ContentType(PublicStatusEndpoints.Format format) => format switch
    {
        PublicStatusEndpoints.Format.Page or PublicStatusEndpoints.Format.Widget => "text/html; charset=utf-8",
        PublicStatusEndpoints.Format.Badge => "image/svg+xml",
        PublicStatusEndpoints.Format.Atom => "application/atom+xml; charset=utf-8",
        PublicStatusEndpoints.Format.Rss => "application/rss+xml; charset=utf-8",
        _ => "application/json; charset=utf-8",
    };
}

/// <summary>
/// Rebuilds the snapshots when the change bus reports a write that may show on a page (an incident,
/// the catalog, the pages' settings), and once a minute besides (a new day's bar). Changes that arrive
/// during a build are answered by one more build after it.
/// </summary>
public sealed class StatusSnapshotWorker(StatusSnapshots snapshots, ChangeBus bus) : BackgroundService
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = bus.ObserveAll(change =>
        {
            if (change.Scope.Kind is "incident" or "catalog" or "everything" || change.Scope == StatusPageRules.Scope) Signal();
        });
        while (!stoppingToken.IsCancellationRequested)
        {
            await snapshots.RebuildAsync(stoppingToken);
            try
            {
                await _signal.WaitAsync(TimeSpan.FromMinutes(1), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Signal()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // A build is already due: it reads this change too.
        }
    }
}

/// <summary>Once a minute, sends the maintenance reminders that fell due (<see cref="MaintenanceReminders"/>); a failed pass is logged and tried again next minute.</summary>
public sealed class MaintenanceReminderWorker(MaintenanceReminders reminders, TimeProvider clock, ILogger<MaintenanceReminderWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await reminders.SendDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Sending maintenance reminders failed; trying again in a minute");
            }
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
