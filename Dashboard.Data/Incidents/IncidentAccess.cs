using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Incidents;

/// <summary>
/// The door's and the cache's side of private incidents: a write may not touch an incident its
/// actor may not see (answered as not found, so it does not confirm the incident exists), the
/// change it announces reaches only those who may see it, and cached answers are shared only by
/// viewers who see the same incidents.
/// </summary>
public sealed class IncidentAccess : IIncidentAccess
{
    /// <summary>The incidents a pending write touches, read from the change tracker, so no command can forget one.</summary>
    private static List<int> Touched(IncidentBoardDbContext db) =>
        [.. db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .SelectMany(e => e.Entity is IIncidentRow row ? row.IncidentIds : []).Where(id => id > 0).Distinct()];

    /// <summary>
    /// The incidents a command wrote or read as rows: what it touched, and every incident it loaded
    /// (an alert group's incident, a link's ends). A result or a refusal may speak of these.
    /// </summary>
    private static List<int> Consulted(IncidentBoardDbContext db) =>
        [.. Touched(db).Concat(db.ChangeTracker.Entries<Incident>().Where(e => e.State != EntityState.Added).Select(e => e.Entity.Id)).Where(id => id > 0).Distinct()];

    public async Task<bool> MayWriteAsync(IncidentBoardDbContext db, Actor actor, CancellationToken ct)
    {
        if (actor.SeesAllIncidents) return true;
        var consulted = Consulted(db);
        if (consulted.Count == 0) return true;
        var userId = actor.UserId;
        return !await db.Incidents.AnyAsync(i => consulted.Contains(i.Id) && i.IsPrivate && !i.Participants.Any(p => p.UserId == userId), ct);
    }

    /// <summary>
    /// Null (anyone) unless the write touches a private incident, or while an incident turns private
    /// or public, so every open list refreshes what it may show.
    /// </summary>
    public async Task<IReadOnlySet<string>?> AudienceAsync(IncidentBoardDbContext db, CancellationToken ct)
    {
        var incidents = db.ChangeTracker.Entries<Incident>().ToList();
        if (incidents.Any(e => e.State == EntityState.Modified && e.Property(i => i.IsPrivate).IsModified)) return null;
        var sets = new List<HashSet<string>>();
        foreach (var added in incidents.Where(e => e.State == EntityState.Added && e.Entity.IsPrivate))
            sets.Add([.. added.Entity.Participants.Select(p => p.UserId)]);
        var touched = Touched(db);
        if (touched.Count > 0)
        {
            var stored = await db.Incidents.AsNoTracking().Where(i => touched.Contains(i.Id) && i.IsPrivate)
                .Select(i => i.Participants.Select(p => p.UserId).ToList()).ToListAsync(ct);
            sets.AddRange(stored.Select(users => users.ToHashSet()));
        }
        if (sets.Count == 0) return null;
        var audience = sets[0];
        foreach (var other in sets.Skip(1)) audience.IntersectWith(other);
        return audience;
    }

    public async Task<List<int>> PrivateIncidentsSeenByAsync(IncidentBoardDbContext db, Actor viewer, CancellationToken ct)
    {
        if (viewer.SeesAllIncidents) return [];
        // Sorted by the caller, not in SQL: with ORDER BY, SQLite walks the whole table by key instead
        // of the small index of private incidents, and this runs on every cached read.
        return await db.Incidents.Where(i => i.IsPrivate).VisibleTo(viewer).Select(i => i.Id).ToListAsync(ct);
    }

    public Task<Dictionary<int, string>> SlugsAsync(IncidentBoardDbContext db, IReadOnlyCollection<int> ids, CancellationToken ct) =>
        db.Incidents.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Slug, ct);
}
