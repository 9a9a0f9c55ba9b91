namespace Dashboard.Data.Kernel;

/// <summary>
/// The visibility rule as the core needs it: the door asks whether a write may touch what it
/// touched and who may hear of it, and the shared cache asks which private incidents a viewer sees.
/// The rule itself lives with incidents (<c>Incidents/IncidentVisibility</c>); the door cannot run without it.
/// </summary>
public interface IIncidentVisibility
{
    /// <summary>False when the write touched or read an incident its actor may not see: the door then answers as not found.</summary>
    Task<bool> MayWriteAsync(IncidentBoardDbContext db, Actor actor, CancellationToken ct);

    /// <summary>Who may hear of the write (null: anyone), read before it is saved.</summary>
    Task<IReadOnlySet<string>?> AudienceAsync(IncidentBoardDbContext db, CancellationToken ct);

    /// <summary>The ids of the private incidents this viewer sees, for cache keys (empty for those who see everything).</summary>
    Task<List<int>> PrivateIncidentsSeenByAsync(IncidentBoardDbContext db, Actor viewer, CancellationToken ct);
}

/// <summary>
/// Told of every audited write inside its transaction, after the audit entries are written and
/// before the commit, so what it stages (a webhook message) commits or rolls back with the write.
/// </summary>
public interface IAuditListener
{
    Task StageAsync(IncidentBoardDbContext db, IReadOnlyList<(AuditEntry Entry, object? Entity)> audited, CancellationToken ct);
}
