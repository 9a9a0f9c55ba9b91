using Dashboard.Data.Notifications;
using Dashboard.Host.Http;
using System.Net;

namespace Dashboard.Notifications;

public static class NotificationSetup
{
    /// <summary>The <c>Notifications</c> settings and the clock-driven scan (due in 3 days, newly overdue).</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<NotificationOptions>(configuration.GetSection(NotificationOptions.Section));
        services.AddHostedService<NotificationScanWorker>();
        return services;
    }

    /// <summary>
    /// The one-click unsubscribe of every notification mail (RFC 8058): anonymous, signed by its token.
    /// GET shows a button and changes nothing (mail scanners follow links); POST unsubscribes, as mail
    /// clients do with <c>List-Unsubscribe=One-Click</c>. No antiforgery token: the signed link is the proof.
    /// </summary>
    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/notifications/unsubscribe", (string? user, string? kind, string? token) =>
        {
            var action = $"notifications/unsubscribe?user={Uri.EscapeDataString(user ?? "")}&kind={Uri.EscapeDataString(kind ?? "")}&token={Uri.EscapeDataString(token ?? "")}";
            var what = Enum.TryParse<NotificationKind>(kind, out var k) && Enum.IsDefined(k) ? NotificationDefaults.Describe(k) : "these notifications";
            return Results.Content($"""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><base href="/"><title>Unsubscribe · IncidentBoard</title></head>
                <body><h1>Stop these emails?</h1><p>{WebUtility.HtmlEncode(what)}</p>
                <form method="post" action="{WebUtility.HtmlEncode(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click">
                <button type="submit">Unsubscribe</button></form></body></html>
                """, "text/html; charset=utf-8");
        }).AllowAnonymous().RequireRateLimiting(RateLimits.Exports);

        app.MapPost("/notifications/unsubscribe", async (string? user, string? kind, string? token, NotificationCommands commands, CancellationToken ct) =>
        {
            var result = await commands.UnsubscribeAsync(user, kind, token, ct);
            return result.Succeeded
                ? Results.Content("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Unsubscribed · IncidentBoard</title></head><body><h1>Unsubscribed</h1><p>You will get no more emails of this kind. Your other settings are unchanged.</p></body></html>", "text/html; charset=utf-8")
                // With a body: an empty 404 would be re-executed as the app's not-found page, which refuses a POST without an antiforgery token.
                : Results.Content("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Unsubscribe · IncidentBoard</title></head><body><h1>This link is not valid</h1><p>Change your settings in IncidentBoard instead.</p></body></html>", "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(RateLimits.Exports);
        return app;
    }
}
