using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.ApiKeys;

/// <summary>
/// The first responses to POSTs sent with an <c>Idempotency-Key</c>, per API key, for 24 hours.
/// Transport bookkeeping, not a change to the record, so it is written outside the door and the
/// audit trail (the POST it replays went through both).
/// </summary>
public sealed class IdempotencyStore(IDbContextFactory<IncidentBoardDbContext> dbFactory, TimeProvider clock)
{
    public async Task<IdempotencyRecord?> FindAsync(int apiKeyId, string key, CancellationToken ct = default)
    {
        var since = clock.GetUtcNow().UtcDateTime - IdempotencyLimits.Kept;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.ApiKeyId == apiKeyId && r.Key == key && r.CreatedAt > since, ct);
    }

    /// <summary>Keeps the response; an expired record under the same key is replaced, and records past 24 h are swept.</summary>
    public async Task SaveAsync(IdempotencyRecord record, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        record.CreatedAt = now;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.IdempotencyRecords.Where(r => r.CreatedAt <= now - IdempotencyLimits.Kept).ExecuteDeleteAsync(ct);
        db.IdempotencyRecords.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent request with the same key saved first: its response is the one kept.
        }
    }
}
