using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Dashboard.Data.Webhooks;
using Microsoft.Extensions.Options;
using Dashboard.Api;

namespace Dashboard.Webhooks;

/// <summary>
/// One pass of the delivery worker: claim the due deliveries, POST each signed (Standard Webhooks),
/// record the answer, schedule a retry with backoff, and after the retry window fail the delivery
/// and disable its endpoint through the door, so admins see why it stopped.
/// </summary>
public sealed class WebhookDispatcher(DeliveryStore store, WebhookCommands commands, WebhookSecrets secrets, IHttpClientFactory clients,
    IOptions<WebhookOptions> options, TimeProvider clock, ILogger<WebhookDispatcher> logger)
{
    public const string ClientName = "webhooks";

    /// <summary>Who the audit trail names when the worker switches an endpoint off.</summary>
    public static readonly Actor Worker = new(ActorKind.System, "webhook delivery", Role.Owner, ChangeSource.Api);

    /// <summary>Delivers what is due now; returns how many deliveries it attempted.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var claims = await store.ClaimDueAsync(clock.GetUtcNow().UtcDateTime, ct);
        // Sequential on purpose: one slow receiver delays the batch by at most the timeout, and the
        // database sees one writer at a time.
        foreach (var claim in claims) await DeliverAsync(claim, ct);
        return claims.Count;
    }

    private async Task DeliverAsync(ClaimedDelivery claim, CancellationToken ct)
    {
        var o = options.Value;
        string secret;
        try
        {
            secret = secrets.Reveal(claim.Secret);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            // The key that protected it is gone (another key ring, a restored database): retrying
            // cannot help, but the row follows the usual path, so the endpoint ends up disabled with the reason.
            logger.LogWarning(ex, "Webhook endpoint {Endpoint}: its signing secret cannot be unprotected", claim.EndpointId);
            await FailedAsync(claim, null, 0, "The signing secret cannot be read with this app's data-protection keys; rotate the secret.", ct);
            return;
        }
        var sentAt = clock.GetUtcNow();
        var timestamp = sentAt.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, claim.Url)
        {
            Content = new StringContent(claim.Payload, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("webhook-id", claim.EventId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSigning.Sign(secret, claim.EventId, timestamp, claim.Payload));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("IncidentBoard-Webhooks", "1"));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(o.Timeout);
        var watch = Stopwatch.StartNew();
        int? status = null;
        string? error;
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                await store.DeliveredAsync(claim, clock.GetUtcNow().UtcDateTime, status.Value, Latency(watch), ct);
                return;
            }
            error = $"The endpoint answered {status} {response.ReasonPhrase}.";
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw; // shutting down: the row stays claimed and is due again when its lease ends
        }
        catch (OperationCanceledException)
        {
            error = $"No answer within {o.Timeout.TotalSeconds:0.#} s.";
        }
        catch (HttpRequestException ex)
        {
            error = Innermost(ex).Message;
        }
        await FailedAsync(claim, status, Latency(watch), error, ct);
    }

    private async Task FailedAsync(ClaimedDelivery claim, int? status, int latency, string error, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var retryAt = Backoff.NextAttempt(claim.CreatedAt, now, claim.Attempts + 1, options.Value.RetryWindow, Random.Shared.NextDouble());
        await store.FailedAsync(claim, now, status, latency, error, retryAt, ct);
        if (retryAt is not null) return;
        logger.LogWarning("Webhook endpoint {Endpoint} disabled: {EventType} {EventId} failed for {Window}; last error: {Error}",
            claim.EndpointId, claim.EventType, claim.EventId, options.Value.RetryWindow, error);
        var reason = $"Disabled automatically: deliveries failed for {options.Value.RetryWindow.TotalHours:0.#} h. Last error: {error}";
        await commands.SetEnabledAsync(Worker, claim.EndpointId, false, reason, ct);
    }

    private static int Latency(Stopwatch watch) => (int)Math.Min(watch.ElapsedMilliseconds, int.MaxValue);

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null) ex = ex.InnerException;
        return ex;
    }
}
