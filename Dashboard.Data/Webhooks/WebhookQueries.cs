using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Webhooks;

public sealed record WebhookEndpointRow(int Id, string Url, IReadOnlyList<string> EventTypes, bool IncludePrivate, bool IsEnabled, string? DisabledReason,
    DateTime? DisabledAt, DateTime CreatedAt, string CreatedBy, DateTime? SecretRotatedAt, int Pending, int Failed, Guid Version, bool SecretProtected = true);

public sealed record WebhookDeliveryRow(long Id, string EventId, string EventType, DeliveryStatus Status, int Attempts, DateTime CreatedAt,
    DateTime NextAttemptAt, DateTime? LastAttemptAt, int? LastResponseCode, int? LastLatencyMs, string? LastError);

/// <summary>Endpoints and their delivery logs, for admins only (secrets are never read back).</summary>
public sealed class WebhookQueries(IDbContextFactory<IncidentBoardDbContext> dbFactory)
{
    public const int LogPageSize = 50;

    public Task<IReadOnlyList<WebhookEndpointRow>> ListAsync(Actor viewer, CancellationToken ct = default) => RowsAsync(viewer, null, ct);

    public async Task<WebhookEndpointRow?> GetAsync(Actor viewer, int id, CancellationToken ct = default) =>
        (await RowsAsync(viewer, id, ct)).SingleOrDefault();

    private async Task<IReadOnlyList<WebhookEndpointRow>> RowsAsync(Actor viewer, int? id, CancellationToken ct)
    {
        if (!viewer.May(Permission.Administer)) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var endpoints = db.WebhookEndpoints.AsNoTracking();
        if (id is not null) endpoints = endpoints.Where(e => e.Id == id);
        var rows = await endpoints.OrderBy(e => e.Id).Select(e => new
        {
            e.Id, e.Url, e.EventTypes, e.IncludePrivate, e.IsEnabled, e.DisabledReason, e.DisabledAt, e.CreatedAt, e.CreatedBy, e.SecretRotatedAt, e.Version,
            // Whether the stored secret is protected, not the secret: rows from before protection say "rotate me".
            SecretProtected = e.Secret.StartsWith(WebhookSecrets.Marker),
            Pending = e.Deliveries.Count(d => d.Status == DeliveryStatus.Pending),
            Failed = e.Deliveries.Count(d => d.Status == DeliveryStatus.Failed),
        }).ToListAsync(ct);
        return [.. rows.Select(e => new WebhookEndpointRow(e.Id, e.Url, WebhookEventTypes.Parse(e.EventTypes), e.IncludePrivate, e.IsEnabled, e.DisabledReason,
            e.DisabledAt, e.CreatedAt, e.CreatedBy, e.SecretRotatedAt, e.Pending, e.Failed, e.Version, e.SecretProtected))];
    }

    /// <summary>The endpoint's newest deliveries first, one page of <see cref="LogPageSize"/>.</summary>
    public async Task<IReadOnlyList<WebhookDeliveryRow>> LogAsync(Actor viewer, int endpointId, int page = 0, CancellationToken ct = default)
    {
        if (!viewer.May(Permission.Administer)) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpointId).OrderByDescending(d => d.Id)
            .Skip(page * LogPageSize).Take(LogPageSize)
            .Select(d => new WebhookDeliveryRow(d.Id, d.EventId, d.EventType, d.Status, d.Attempts, d.CreatedAt, d.NextAttemptAt,
                d.LastAttemptAt, d.LastResponseCode, d.LastLatencyMs, d.LastError))
            .ToListAsync(ct);
    }
}
