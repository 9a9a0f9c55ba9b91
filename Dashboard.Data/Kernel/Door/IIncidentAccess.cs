namespace Dashboard.Data.Kernel;

/// <summary>
/// What the core asks of incidents, which it does not know: the door asks whether a write may
/// touch what it touched, who may hear of it and the slugs its audit entries carry; the shared
/// cache asks which private incidents a viewer sees. The rule itself lives with incidents
/// (<c>Incidents/IncidentAccess</c>); the door cannot be made without it.
/// </summary>
public interface IIncidentAccess
{
    /// <summary>False when the write touched or read an incident its actor may not see: the door then answers as not found.</summary>
    Task<bool> MayWriteAsync(IncidentBoardDbContext db, Actor actor, CancellationToken ct);

    /// <summary>Who may hear of the write (null: anyone), read before it is saved.</summary>
    Task<IReadOnlySet<string>?> AudienceAsync(IncidentBoardDbContext db, CancellationToken ct);

    /// <summary>The ids of the private incidents this viewer sees, for cache keys (empty for those who see everything).</summary>
    Task<List<int>> PrivateIncidentsSeenByAsync(IncidentBoardDbContext db, Actor viewer, CancellationToken ct);

    /// <summary>The current slugs of these incidents; a deleted one is missing.</summary>
    Task<Dictionary<int, string>> SlugsAsync(IncidentBoardDbContext db, IReadOnlyCollection<int> ids, CancellationToken ct);
}

/// <summary>
/// Told of every audited write inside its transaction, after the audit entries are written and
/// before the commit, so what it stages (a webhook message) commits or rolls back with the write.
/// </summary>
public interface IAuditListener
{
    Task StageAsync(IncidentBoardDbContext db, IReadOnlyList<(AuditEntry Entry, object? Entity)> audited, CancellationToken ct);
}
