using System.Text.Json;
using Dashboard.Api;
using Dashboard.Data.Alerts;

namespace Dashboard.Alerts;

/// <summary>
/// POST /api/v1/alerts/alertmanager: Alertmanager's webhook receiver, in the API's group, so it takes
/// an API key like every /api/v1 call (Alertmanager sends it with <c>http_config.authorization</c>).
/// The key acts at the door as itself: a responder key or above may declare.
/// </summary>
public static class AlertmanagerEndpoint
{
    public const long MaxBodyBytes = 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapAlertmanagerIngest(this RouteGroupBuilder api)
    {
        api.MapPost("/alerts/alertmanager", async (HttpContext http, AlertIngest ingest, CancellationToken ct) =>
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
                return ApiProblems.Status(StatusCodes.Status400BadRequest, $"The body is not Alertmanager's JSON: {ex.Message}");
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {MaxBodyBytes / 1024} KB.");
            }
            if (notification is null) return ApiProblems.Status(StatusCodes.Status400BadRequest, "The body is empty.");
            var result = await ingest.ReceiveAsync(http.Actor().Via(ChangeSource.Api), notification, ct);
            return result.Succeeded ? Results.Ok(new { incident = result.Key, eventsAdded = result.Count }) : ApiProblems.Of(result);
        })
        .WithName("IngestAlertmanager").WithTags("Alerts")
        .WithSummary("Alertmanager's webhook (payload version 4): a firing group declares or feeds its open incident; resolved alerts add recovery events.")
        .DisableAntiforgery();
        return api;
    }
}
