using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.ApiKeys;

/// <summary>Lists of keys (one's own; all, for admins), and the check each API request makes.</summary>
public sealed class ApiKeyQueries(IDbContextFactory<IncidentBoardDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>How stale a key's "last used" may get: one write a minute at most, however busy the key is.</summary>
    public static readonly TimeSpan LastUsedGranularity = TimeSpan.FromMinutes(1);

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The viewer's own keys; for admins and owners with <paramref name="everyone"/>, every key.</summary>
    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(Actor viewer, bool everyone = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var keys = db.ApiKeys.AsNoTracking();
        if (!(everyone && (viewer.May(Permission.Administer) || viewer.Kind == ActorKind.System))) keys = keys.Where(k => k.OwnerId == viewer.UserId);
        return await keys.OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id)
            .Select(k => new ApiKeyRow(k.Id, k.Name, k.Prefix, k.Role, k.Owner!.Email ?? "", k.Owner.DisplayName, k.CreatedAt, k.ExpiresAt, k.LastUsedAt, k.RevokedAt))
            .ToListAsync(ct);
    }

    /// <summary>
    /// The key behind an <c>Authorization: Bearer</c> value, or null when it is malformed, unknown,
    /// wrong, revoked, expired or its owner is disabled. Read on every request, so a revocation or a
    /// change of the owner's role applies at once.
    /// </summary>
    public async Task<ApiKeyIdentity?> AuthenticateAsync(string presented, CancellationToken ct = default)
    {
        if (!ApiKeySecret.TryParse(presented, out var prefix, out var secret)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.AsNoTracking().Where(k => k.Prefix == prefix)
            .Select(k => new { k.Id, k.Name, k.SecretHash, k.Role, k.ExpiresAt, k.RevokedAt, k.LastUsedAt, k.OwnerId, OwnerEmail = k.Owner!.Email, OwnerRole = k.Owner.Role, k.Owner.IsDisabled })
            .SingleOrDefaultAsync(ct);
        var now = Now;
        if (key is null || !ApiKeySecret.Matches(secret, key.SecretHash) || key.RevokedAt is not null || key.ExpiresAt <= now || key.IsDisabled) return null;
        if (key.LastUsedAt is null || now - key.LastUsedAt >= LastUsedGranularity)
            // Bookkeeping, not a change anyone makes: outside the door and the audit trail.
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        var role = key.Role < key.OwnerRole ? key.Role : key.OwnerRole;
        return new ApiKeyIdentity(key.Id, key.Name, prefix, key.OwnerId, key.OwnerEmail ?? "", role);
    }
}
