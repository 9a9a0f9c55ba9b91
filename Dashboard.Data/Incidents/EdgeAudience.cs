using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Incidents;

/// <summary>
/// The read rule for private incidents (<see cref="Visibility"/>) at an edge that speaks to
/// someone outside the app rather than to a signed-in person: a webhook endpoint today, and later
/// mail, status pages and feeds. Such an audience hears of a private incident only when an admin
/// marked it for private incidents; otherwise nothing about that incident reaches it, neither
/// the incident nor anything that belongs to it (events, impacts, actions, postmortem, links,
/// people), nor the moment it turns private or is deleted while private.
/// </summary>
public readonly record struct EdgeAudience(bool IncludesPrivate)
{
    /// <summary>An audience nobody marked: public incidents only.</summary>
    public static readonly EdgeAudience PublicOnly = new(false);

    /// <summary>The rule, in one place.</summary>
    public bool Hears(bool aboutPrivateIncident) => !aboutPrivateIncident || IncludesPrivate;

    /// <summary>
    /// The private incidents among those one committed write concerns, as the write left them:
    /// read inside its transaction after it was saved (so an incident that turned private counts),
    /// plus incidents it deleted while private (no longer in the table, but still in hand).
    /// A write is about a private incident if any incident it concerns is private: a link from a
    /// public incident to a private one names the private one on both sides.
    /// </summary>
    public static async Task<IReadOnlySet<int>> PrivateIncidentsOfAsync(IncidentBoardDbContext db,
        IReadOnlyList<(AuditEntry Entry, object? Entity)> audited, CancellationToken ct)
    {
        var concerned = audited.Where(a => a.Entry.IncidentId is not null).Select(a => a.Entry.IncidentId!.Value).Distinct().ToList();
        var hidden = new HashSet<int>(audited.Select(a => a.Entity).OfType<Incident>().Where(i => i.IsPrivate).Select(i => i.Id));
        if (concerned.Count == 0) return hidden;
        hidden.UnionWith(await db.Incidents.AsNoTracking().Where(i => concerned.Contains(i.Id) && i.IsPrivate).Select(i => i.Id).ToListAsync(ct));
        return hidden;
    }
}
