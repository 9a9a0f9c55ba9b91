using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Data.Webhooks;

/// <summary>A claimed delivery: what to send, where, signed with which secret (as stored: <see cref="WebhookSecrets.Reveal"/> gives the secret).</summary>
public sealed record ClaimedDelivery(long Id, Guid ClaimToken, string EventId, string EventType, string Payload, int Attempts,
    DateTime CreatedAt, int EndpointId, string Url, string Secret);

/// <summary>
/// The worker's bookkeeping on the outbox. These rows are delivery state, not user data: they are
/// written here directly, not through the door, so each attempt does not fill the audit trail.
/// Giving up on an endpoint does go through the door (<see cref="WebhookCommands.SetEnabledAsync"/>).
/// </summary>
public sealed class DeliveryStore(IDbContextFactory<IncidentBoardDbContext> dbFactory, IOptions<WebhookOptions> options, DataMetrics? metrics = null)
{
    /// <summary>
    /// Claims up to a batch of due deliveries for enabled endpoints by moving their next attempt past
    /// the lease and stamping a fresh token. The UPDATE repeats the due test, so two workers never
    /// hold one row; a worker that dies leaves its rows due again when the lease ends. On PostgreSQL
    /// this one method becomes <c>… FOR UPDATE SKIP LOCKED</c>.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimDueAsync(DateTime now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var o = options.Value;
        // A private message waits if its endpoint stopped including private incidents after it was
        // queued (excluding them fails such rows; this covers a message queued while that committed).
        var ids = await db.WebhookDeliveries.Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && d.Endpoint!.IsEnabled
                && (!d.AboutPrivate || d.Endpoint.IncludePrivate))
            .OrderBy(d => d.NextAttemptAt).Select(d => d.Id).Take(o.BatchSize).ToListAsync(ct);
        if (ids.Count == 0) return [];
        var token = Guid.NewGuid();
        var leaseEnd = now + o.Lease;
        await db.WebhookDeliveries.Where(d => ids.Contains(d.Id) && d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimToken, token).SetProperty(d => d.NextAttemptAt, leaseEnd), ct);
        return await db.WebhookDeliveries.AsNoTracking().Where(d => d.ClaimToken == token)
            .Select(d => new ClaimedDelivery(d.Id, token, d.EventId, d.EventType, d.Payload, d.Attempts, d.CreatedAt, d.EndpointId, d.Endpoint!.Url, d.Endpoint.Secret))
            .ToListAsync(ct);
    }

    public async Task DeliveredAsync(ClaimedDelivery claim, DateTime at, int status, int latencyMs, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await Claimed(db, claim).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, DeliveryStatus.Delivered).SetProperty(d => d.Attempts, claim.Attempts + 1)
            .SetProperty(d => d.LastAttemptAt, at).SetProperty(d => d.LastResponseCode, status)
            .SetProperty(d => d.LastLatencyMs, latencyMs).SetProperty(d => d.LastError, (string?)null).SetProperty(d => d.ClaimToken, (Guid?)null), ct);
    }

    /// <summary>Records a failed attempt; the row is due again at <paramref name="retryAt"/>, or failed for good when that is null.</summary>
    public async Task FailedAsync(ClaimedDelivery claim, DateTime at, int? status, int? latencyMs, string error, DateTime? retryAt, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = error.Length <= 600 ? error : error[..599] + "…";
        await Claimed(db, claim).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, retryAt is null ? DeliveryStatus.Failed : DeliveryStatus.Pending)
            .SetProperty(d => d.NextAttemptAt, retryAt ?? at).SetProperty(d => d.Attempts, claim.Attempts + 1)
            .SetProperty(d => d.LastAttemptAt, at).SetProperty(d => d.LastResponseCode, status)
            .SetProperty(d => d.LastLatencyMs, latencyMs).SetProperty(d => d.LastError, message).SetProperty(d => d.ClaimToken, (Guid?)null), ct);
        metrics?.DeliveryFailed(willRetry: retryAt is not null);
    }

    // Only while this worker still holds the row: after its lease ran out another worker may have claimed it.
    private static IQueryable<WebhookDelivery> Claimed(IncidentBoardDbContext db, ClaimedDelivery claim) =>
        db.WebhookDeliveries.Where(d => d.Id == claim.Id && d.ClaimToken == claim.ClaimToken);
}
