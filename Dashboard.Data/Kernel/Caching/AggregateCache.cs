using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;

namespace Dashboard.Data.Kernel;

/// <summary>
/// What many people ask for at once (the review and its sections, the actions summary, the first
/// pages of the lists, an incident's record and links), computed once per filter and per what the
/// viewer may see, then shared. HybridCache makes concurrent
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

    /// <summary>Null only in <see cref="PassThrough"/>.</summary>
    private readonly HybridCache? _cache;
    private readonly IDbContextFactory<IncidentBoardDbContext> _dbFactory;
    private readonly IIncidentAccess _incidents;
    private readonly DataMetrics? _metrics;
    private long _generation;
    /// <summary>Each viewer's sight in the current generation: asked on every cached read, and only a change can alter it.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(long Generation, string? UserId), string> _sights = new();

    public AggregateCache(HybridCache cache, IDbContextFactory<IncidentBoardDbContext> dbFactory, ChangeBus bus, IIncidentAccess incidents,
        DataMetrics? metrics = null)
    {
        _cache = cache;
        _dbFactory = dbFactory;
        _incidents = incidents;
        _metrics = metrics;
        // A singleton for the app's lifetime: the subscription lives as long as the bus.
        bus.ObserveAll(_ =>
        {
            Interlocked.Increment(ref _generation);
            // Sights of older generations are never asked for again.
            _sights.Clear();
        });
    }

    /// <summary>
    /// Computes on every call and keeps nothing: for the benchmarks, which measure the queries
    /// themselves rather than cache hits. The queries always take a cache, so they share it one way.
    /// </summary>
    public static AggregateCache PassThrough { get; } = new();

    // Nothing is cached, so no viewer's sight is ever asked for and the factory is never used.
    private AggregateCache()
    {
        _dbFactory = null!;
        _incidents = null!;
    }

    /// <summary>The value for <paramref name="area"/> and <paramref name="filter"/> as <paramref name="viewer"/> may see it, computed at most once per change.</summary>
    public async Task<T> GetAsync<T>(string area, Actor viewer, object filter, Func<CancellationToken, Task<T>> compute, CancellationToken ct = default)
    {
        if (_cache is null) return await compute(ct);
        // Read before anything else: a change from here on makes a new key, never a stale hit.
        var generation = Interlocked.Read(ref _generation);
        var key = $"{area}|{generation}|{await SightAsync(viewer, generation, ct)}|{JsonSerializer.Serialize(filter)}";
        // A miss is a call that ran the computation; one that waited for another's counts as a hit.
        var computed = false;
        var shared = await _cache.GetOrCreateAsync(key, async token =>
        {
            computed = true;
            return new Shared<T>(await compute(token));
        }, Entry, cancellationToken: ct);
        _metrics?.CacheLookup(hit: !computed);
        return shared.Value;
    }

    /// <summary>
    /// HybridCache hands out one shared instance only for types marked immutable; any other it
    /// round-trips through JSON on every hit, which is slow and silently drops what JSON skips (tuples).
    /// Every value goes in this box, so callers must treat what they get as read-only (the app's
    /// query results are records and read-only lists).
    /// </summary>
    [System.ComponentModel.ImmutableObject(true)]
    private sealed record Shared<T>(T Value);

    /// <summary>
    /// What the viewer may see, as part of a key: everything, or the public incidents plus the
    /// private ones they take part in. Viewers who see the same incidents share one entry.
    /// </summary>
    private async Task<string> SightAsync(Actor viewer, long generation, CancellationToken ct)
    {
        if (viewer.SeesAllIncidents) return "all";
        if (_sights.TryGetValue((generation, viewer.UserId), out var known)) return known;
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var privateIds = await _incidents.PrivateIncidentsSeenByAsync(db, viewer, ct);
        privateIds.Sort();
        var sight = "public+" + string.Join(',', privateIds);
        // Keys stay short (HybridCache refuses long ones) for someone in hundreds of private incidents.
        sight = sight.Length <= 200 ? sight : "public+" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(sight)));
        // Remembered under the generation read before the query: a change that lands meanwhile makes a
        // new generation, so this entry is never used for it.
        _sights[(generation, viewer.UserId)] = sight;
        return sight;
    }
}
