using System.Text.Json;
using Dashboard.Account;
using Dashboard.Data.Alerts;
using Dashboard.Data.Door;
using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Alerts;

/// <summary>
/// POST /api/v1/alerts/alertmanager: Alertmanager's webhook receiver. The caller acts at the door as
/// itself (a responder or above may declare); Alertmanager authenticates with
/// <c>http_config.authorization</c> (a bearer API key).
/// </summary>
public static class AlertmanagerEndpoint
{
    /// <summary>
    /// Who may post alerts: any authenticated caller the schemes in this policy accept; the door then
    /// checks the caller's role. The API-key scheme is added to this policy where it is registered.
    /// </summary>
    public const string Policy = "alert-ingest";

    public const long MaxBodyBytes = 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void AddPolicy(AuthorizationOptions options) =>
        options.AddPolicy(Policy, p => p.RequireAuthenticatedUser());

    public static IEndpointRouteBuilder MapAlertmanagerIngest(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/alerts/alertmanager", async (HttpContext http, AlertIngest ingest, CancellationToken ct) =>
        {
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                limit.MaxRequestBodySize = MaxBodyBytes;
            AlertmanagerNotification? notification;
            try
            {
                notification = await JsonSerializer.DeserializeAsync<AlertmanagerNotification>(http.Request.Body, Json, ct);
            }
            catch (JsonException ex)
            {
                return Results.Problem(statusCode: 400, title: "The body is not Alertmanager's JSON.", detail: ex.Message);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return Results.Problem(statusCode: 413, title: $"The body is larger than {MaxBodyBytes / 1024} KB.");
            }
            if (notification is null) return Results.Problem(statusCode: 400, title: "The body is empty.");
            var result = await ingest.ReceiveAsync(AppClaims.ActorOf(http.User).Via(ChangeSource.Api), notification, ct);
            return result.Outcome switch
            {
                Outcome.Ok => Results.Ok(new { incident = result.Key, eventsAdded = result.Count }),
                Outcome.Invalid => Results.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }), title: "The notification was refused."),
                Outcome.Forbidden => Results.Problem(statusCode: 403, title: "This caller's role may not declare incidents."),
                Outcome.NotFound => Results.Problem(statusCode: 404, title: "The incident this group feeds is gone."),
                _ => Results.Problem(statusCode: 409, title: "The incident changed meanwhile; Alertmanager will send again."),
            };
        })
        .RequireAuthorization(Policy)
        // A 401 or 403 stays an API answer, not a re-executed HTML "not found" page.
        .WithMetadata(new Microsoft.AspNetCore.Mvc.SkipStatusCodePagesAttribute())
        .DisableAntiforgery();
        return app;
    }
}
