using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Mail;
using Dashboard.Data.Trackers;
using Dashboard.Data.Webhooks;

namespace Dashboard.Data.Telemetry;

/// <summary>What an operator watches on a dashboard or alerts on: counts over the whole store, whoever may see which incident.</summary>
public sealed record OperationalCounts(
    IReadOnlyDictionary<Severity, int> OpenIncidents,
    int ActionsOpen,
    int ActionsInProgress,
    int ActionsOverdue,
    int WebhooksPending,
    DateTime? OldestPendingWebhook,
    IReadOnlyList<OutboxCount> Outboxes);

/// <summary>What waits in one outbox (<c>webhooks</c>, <c>mail</c>, <c>trackers</c>) and what failed for good there.</summary>
public sealed record OutboxCount(string Outbox, int Pending, int Failed);

/// <summary>
/// The counts behind the app's gauges, in a few small aggregate queries. They are operator
/// numbers, not a view of incidents: no row, title or person leaves here, only totals.
/// </summary>
public sealed class OperationalQueries(IDbContextFactory<IncidentBoardDbContext> dbFactory, TimeProvider clock)
{
    public async Task<OperationalCounts> CountAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // "Open" as the alert ingest uses it: not yet resolved or closed.
        var open = await db.Incidents.AsNoTracking()
            .Where(i => i.Status != IncidentStatus.Resolved && i.Status != IncidentStatus.Closed)
            .GroupBy(i => i.Severity).Select(g => new { Severity = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Severity, x => x.Count, ct);
        // "Overdue" as the actions tracker counts it: open or in progress, due before today (UTC).
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var actions = await db.RemediationActions.AsNoTracking()
            .Where(a => a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress)
            .GroupBy(_ => 1).Select(g => new
            {
                Open = g.Count(a => a.Status == ActionStatus.Open),
                InProgress = g.Count(a => a.Status == ActionStatus.InProgress),
                Overdue = g.Count(a => a.DueDate < today),
            }).SingleOrDefaultAsync(ct);
        var pending = await db.WebhookDeliveries.AsNoTracking().Where(d => d.Status == DeliveryStatus.Pending)
            .GroupBy(_ => 1).Select(g => new { Count = g.Count(), Oldest = g.Min(d => d.CreatedAt) }).SingleOrDefaultAsync(ct);
        var webhooksFailed = await db.WebhookDeliveries.CountAsync(d => d.Status == DeliveryStatus.Failed, ct);
        var mail = await db.OutboundMails.AsNoTracking().Where(m => m.State != MailState.Sent).GroupBy(m => m.State)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var trackers = await db.TrackerCalls.AsNoTracking().Where(c => c.Status != TrackerCallStatus.Done).GroupBy(c => c.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var bySeverity = Enum.GetValues<Severity>().ToDictionary(s => s, s => open.GetValueOrDefault(s));
        return new OperationalCounts(bySeverity, actions?.Open ?? 0, actions?.InProgress ?? 0, actions?.Overdue ?? 0,
            pending?.Count ?? 0, pending?.Oldest,
            [
                new("webhooks", pending?.Count ?? 0, webhooksFailed),
                new("mail", mail.GetValueOrDefault(MailState.Queued), mail.GetValueOrDefault(MailState.Failed)),
                new("trackers", trackers.GetValueOrDefault(TrackerCallStatus.Pending), trackers.GetValueOrDefault(TrackerCallStatus.Failed)),
            ]);
    }
}
