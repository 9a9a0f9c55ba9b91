using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Data.StatusPages;

/// <summary>
/// The pages' snapshots, held in memory: the public edge reads only these, so an anonymous visitor
/// costs no database work and a page still answers, with its last state and the time of it, while
/// the database is down. A rebuild that fails keeps the previous snapshots.
/// </summary>
public sealed class StatusSnapshots(IDbContextFactory<IncidentBoardDbContext> dbFactory, TimeProvider clock, ILogger<StatusSnapshots> logger)
{
    private FrozenDictionary<string, PageSnapshot> _pages = FrozenDictionary<string, PageSnapshot>.Empty;
    private readonly SemaphoreSlim _building = new(1, 1);

    /// <summary>False until the first build succeeded: the edge then says "starting" rather than "no such page".</summary>
    public bool IsReady { get; private set; }

    /// <summary>When the last build failed (the database down), until one succeeds again.</summary>
    public DateTime? FailingSince { get; private set; }

    /// <summary>Moves on with every successful build, so the edge can tell a new snapshot from the one it rendered.</summary>
    public long Generation { get; private set; }

    public PageSnapshot? Find(string key) => _pages.GetValueOrDefault(key);

    public IReadOnlyCollection<PageSnapshot> All => _pages.Values;

    /// <summary>Reads every page again; one build at a time. False (and the old snapshots kept) when the database failed.</summary>
    public async Task<bool> RebuildAsync(CancellationToken ct = default)
    {
        await _building.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var built = await StatusSnapshotBuilder.BuildAsync(db, clock.GetUtcNow().UtcDateTime, ct: ct);
            // A page whose content did not change keeps its snapshot (and its time, ETag and rendered bytes):
            // the bus reports every write to any incident, and most of them do not touch a page.
            foreach (var (key, fresh) in built)
                if (_pages.GetValueOrDefault(key) is { } old && SameContent(old, fresh)) built[key] = old;
            _pages = built.ToFrozenDictionary(StringComparer.Ordinal);
            IsReady = true;
            FailingSince = null;
            Generation++;
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (FailingSince is null) logger.LogError(ex, "Rebuilding the status pages failed; they keep showing their last state");
            FailingSince ??= clock.GetUtcNow().UtcDateTime;
            return false;
        }
        finally
        {
            _building.Release();
        }
    }

    private static bool SameContent(PageSnapshot a, PageSnapshot b) =>
        System.Text.Json.JsonSerializer.Serialize(a with { BuiltAt = default }) == System.Text.Json.JsonSerializer.Serialize(b with { BuiltAt = default });

    /// <summary>
    /// The publish dialog's preview: how the incident will look on each page once <paramref name="updateId"/>
    /// is published there, built exactly as the pages are, without writing. Empty when the viewer does not see the incident.
    /// </summary>
    public async Task<IReadOnlyList<(PublicPage Page, PublicIncident Incident)>> PreviewAsync(Actor viewer, int updateId, IReadOnlyList<string> pageKeys, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = Incidents.Visibility.VisibleTo(db.Incidents, viewer).Select(i => i.Id);
        var incidentId = await db.StatusUpdates.Where(u => u.Id == updateId && visible.Contains(u.IncidentId)).Select(u => (int?)u.IncidentId).SingleOrDefaultAsync(ct);
        if (incidentId is null) return [];
        var pageIds = await db.StatusPages.Where(p => pageKeys.Contains(p.Key)).Select(p => p.Id).ToListAsync(ct);
        var built = await StatusSnapshotBuilder.BuildAsync(db, clock.GetUtcNow().UtcDateTime, (updateId, pageIds), ct);
        return [.. built.Values.Where(p => pageKeys.Contains(p.Page.Key)).OrderBy(p => p.Page.Name)
            .SelectMany(p => p.Incidents.Where(i => i.Id == $"i{incidentId}").Select(i => (p.Page, i)))];
    }
}
