using Dashboard.Data.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Mail;

/// <summary>One delivery that failed for good, mail or webhook, with its reason.</summary>
public sealed record FailedDelivery(string Channel, long Id, string To, string What, int Attempts, DateTime CreatedAt, DateTime? LastAttemptAt, string? Reason);

/// <summary>
/// The admin page of outbox failures: mail the SMTP server never took, and webhook deliveries that
/// ran out of retries, newest first. Admin-only (addresses and endpoint URLs are not for everyone).
/// </summary>
public sealed class FailedDeliveryQueries(IDbContextFactory<IncidentBoardDbContext> dbFactory)
{
    public async Task<IReadOnlyList<FailedDelivery>> ListAsync(int take = 200, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mail = await db.OutboundMails.AsNoTracking().Where(m => m.State == MailState.Failed).OrderByDescending(m => m.Id).Take(take)
            .Select(m => new FailedDelivery("Mail", m.Id, m.ToAddress, m.Subject, m.Attempts, m.CreatedAt, m.LastAttemptAt, m.LastError)).ToListAsync(ct);
        var hooks = await db.WebhookDeliveries.AsNoTracking().Where(d => d.Status == DeliveryStatus.Failed).OrderByDescending(d => d.Id).Take(take)
            .Select(d => new FailedDelivery("Webhook", d.Id, d.Endpoint!.Url, d.EventType, d.Attempts, d.CreatedAt, d.LastAttemptAt, d.LastError)).ToListAsync(ct);
        return [.. mail.Concat(hooks).OrderByDescending(f => f.LastAttemptAt ?? f.CreatedAt).Take(take)];
    }
}
