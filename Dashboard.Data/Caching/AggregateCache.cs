using System.Text.Json;
using Dashboard.Data.Door;
using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;

namespace Dashboard.Data.Caching;

/// <summary>
/// Aggregates that many people ask for at once (the review report, the actions summary), computed
/// once per filter and per what the viewer may see, then shared. HybridCache makes concurrent
/// requests for the same key wait for one computation instead of each running it.
/// <para>
/// Correctness comes from the key, not from expiry: it carries a generation that every committed
/// change moves on (the change bus tells this instance of its own writes and, on PostgreSQL, of the
/// other instances'). A write is therefore seen on the very next load, and a computation that started
/// before the write can only ever fill a key nobody asks for again.
/// </para>
/// </summary>
public sealed class AggregateCache
{
    private static readonly HybridCacheEntryOptions Entry = new()
    {
        // Old generations are never read again; this only bounds how long they take memory.
        Expiration = TimeSpan.FromMinutes(5),
        LocalCacheExpiration = TimeSpan.FromMinutes(5),
    };

    private readonly HybridCache _cache;
    private readonly IDbContextFactory<IncidentBoardDbContext> _dbFactory;
    private long _generation;

    public AggregateCache(HybridCache cache, IDbContextFactory<IncidentBoardDbContext> dbFactory, ChangeBus bus)
    {
        _cache = cache;
        _dbFactory = dbFactory;
        // A singleton for the app's lifetime: the subscription lives as long as the bus.
        bus.ObserveAll(_ => Interlocked.Increment(ref _generation));
    }

    /// <summary>The value for <paramref name="area"/> and <paramref name="filter"/> as <paramref name="viewer"/> may see it, computed at most once per change.</summary>
    public async Task<T> GetAsync<T>(string area, Actor viewer, object filter, Func<CancellationToken, Task<T>> compute, CancellationToken ct = default)
    {
        // HybridCache hands out one shared instance only for types marked immutable; any other it
        // round-trips through JSON on every hit, which is slow and silently drops what JSON skips (tuples).
        if (!Immutable<T>.Is) throw new InvalidOperationException($"{typeof(T).Name} must be marked [ImmutableObject(true)] to be cached.");
        // Read before anything else: a change from here on makes a new key, never a stale hit.
        var generation = Interlocked.Read(ref _generation);
        var key = $"{area}|{generation}|{await SightAsync(viewer, ct)}|{JsonSerializer.Serialize(filter)}";
        return await _cache.GetOrCreateAsync(key, async token => await compute(token), Entry, cancellationToken: ct);
    }

    private static class Immutable<T>
    {
        public static readonly bool Is = typeof(T).GetCustomAttributes(typeof(System.ComponentModel.ImmutableObjectAttribute), false)
            is [System.ComponentModel.ImmutableObjectAttribute { Immutable: true }];
    }

    /// <summary>
    /// What the viewer may see, as part of a key: everything, or the public incidents plus the
    /// private ones they take part in. Viewers who see the same incidents share one entry.
    /// </summary>
    private async Task<string> SightAsync(Actor viewer, CancellationToken ct)
    {
        if (Visibility.SeesAll(viewer)) return "all";
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var privateIds = await db.Incidents.Where(i => i.IsPrivate).VisibleTo(viewer).Select(i => i.Id).OrderBy(id => id).ToListAsync(ct);
        var sight = "public+" + string.Join(',', privateIds);
        // Keys stay short (HybridCache refuses long ones) for someone in hundreds of private incidents.
        return sight.Length <= 200 ? sight : "public+" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(sight)));
    }
}
