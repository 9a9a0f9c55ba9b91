using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Webhooks;

namespace Dashboard.Data.Telemetry;

/// <summary>What an operator watches on a dashboard or alerts on: counts over the whole store, whoever may see which incident.</summary>
public sealed record OperationalCounts(
    IReadOnlyDictionary<Severity, int> OpenIncidents,
    int ActionsOpen,
    int ActionsInProgress,
    int ActionsOverdue,
    int WebhooksPending,
    DateTime? OldestPendingWebhook);

/// <summary>
/// The counts behind the app's gauges, in three small aggregate queries. They are operator
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
        var bySeverity = Enum.GetValues<Severity>().ToDictionary(s => s, s => open.GetValueOrDefault(s));
        return new OperationalCounts(bySeverity, actions?.Open ?? 0, actions?.InProgress ?? 0, actions?.Overdue ?? 0,
            pending?.Count ?? 0, pending?.Oldest);
    }
}
