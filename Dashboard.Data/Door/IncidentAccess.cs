using Dashboard.Data.Entities;
using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Dashboard.Data.Door;

/// <summary>
/// The door's side of private incidents: a write may not touch an incident its actor may not see
/// (answered as not found, so it does not confirm the incident exists), and the change it
/// announces reaches only those who may see it.
/// </summary>
internal static class IncidentAccess
{
    /// <summary>The incidents a pending write touches, read from the change tracker, so no command can forget one.</summary>
    public static List<int> Touched(IncidentBoardDbContext db) =>
        [.. db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .SelectMany(IncidentsOf).Where(id => id > 0).Distinct()];

    /// <summary>
    /// The incidents a command wrote or read as rows: what it touched, and every incident it loaded
    /// (an alert group's incident, a link's ends). A result or a refusal may speak of these.
    /// </summary>
    public static List<int> Consulted(IncidentBoardDbContext db) =>
        [.. Touched(db).Concat(db.ChangeTracker.Entries<Incident>().Where(e => e.State != EntityState.Added).Select(e => e.Entity.Id)).Where(id => id > 0).Distinct()];

    public static async Task<bool> MayWriteAsync(IncidentBoardDbContext db, Actor actor, List<int> touched, CancellationToken ct)
    {
        if (touched.Count == 0 || Visibility.SeesAll(actor)) return true;
        var userId = actor.UserId;
        return !await db.Incidents.AnyAsync(i => touched.Contains(i.Id) && i.IsPrivate && !i.Participants.Any(p => p.UserId == userId), ct);
    }

    /// <summary>
    /// Who may hear of the write, read before it is saved (a deleted incident is still there):
    /// null (anyone) unless it touches a private incident, or while an incident turns private or
    /// public, so every open list refreshes what it may show.
    /// </summary>
    public static async Task<IReadOnlySet<string>?> AudienceAsync(IncidentBoardDbContext db, List<int> touched, CancellationToken ct)
    {
        var incidents = db.ChangeTracker.Entries<Incident>().ToList();
        if (incidents.Any(e => e.State == EntityState.Modified && e.Property(i => i.IsPrivate).IsModified)) return null;
        var sets = new List<HashSet<string>>();
        foreach (var added in incidents.Where(e => e.State == EntityState.Added && e.Entity.IsPrivate))
            sets.Add([.. added.Entity.Participants.Select(p => p.UserId)]);
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

    private static IEnumerable<int> IncidentsOf(EntityEntry entry) => entry.Entity switch
    {
        Incident i => [i.Id],
        TimelineEvent e => [e.IncidentId],
        ServiceImpact x => [x.IncidentId],
        RemediationAction a => [a.IncidentId],
        IncidentSource s => [s.IncidentId],
        PostmortemTransition t => [t.IncidentId],
        IncidentParticipant p => [p.IncidentId],
        IncidentLink l => [l.FromIncidentId, l.ToIncidentId],
        Changes.ChangeMark m => [m.IncidentId],
        _ => [],
    };
}
