namespace Dashboard.Data.StatusPages;

/// <summary>A page's own settings, as its readers' edge needs them (audience checks, header, embedding). <see cref="Groups"/>: OIDC groups a restricted page admits besides its roles.</summary>
public sealed record PublicPage(int Id, string Key, string Name, StatusAudience Audience, IReadOnlyList<Role> Roles, string? LogoUrl, string? Description,
    IReadOnlyList<string> EmbedOrigins, IReadOnlyList<string>? Groups = null)
{
    /// <summary>Whether a signed-in reader with this role and these OIDC groups may open a restricted page.</summary>
    public bool Admits(Role role, IEnumerable<string> groups) =>
        role >= Role.Admin || Roles.Contains(role) || (Groups is { Count: > 0 } mine && groups.Any(g => mine.Contains(g, StringComparer.Ordinal)));
}

/// <summary>
/// A component on a page, by its public id (<c>c{row id}</c>) and public name: never the catalog's key
/// or internal name. <see cref="Status"/> is Statuspage's word (operational, degraded_performance, …).
/// </summary>
public sealed record PublicComponent(string Id, string Name, string Group, int Position, string Status, DateTime UpdatedAt,
    double Uptime, IReadOnlyList<UptimeDay> Days);

/// <summary>One day's bar: its uptime (0–1), the worst level seen, and the public names of the incidents that touched it.</summary>
public sealed record UptimeDay(DateOnly Date, double Uptime, ImpactLevel? Worst, IReadOnlyList<string> Incidents);

public sealed record PublicAffected(string ComponentId, string Name, string Status);

/// <summary>One published update as the page shows it: its state, its text (corrected or not), when it went out.</summary>
public sealed record PublicUpdate(string Id, PublicState State, string Body, DateTime PublishedAt, DateTime? CorrectedAt, IReadOnlyList<PublicAffected> Affected)
{
    public DateTime UpdatedAt => CorrectedAt ?? PublishedAt;
}

/// <summary>An incident's published public postmortem (Markdown): never its draft, never the internal postmortem. <see cref="UpdatedAt"/> when its text was last replaced.</summary>
public sealed record PublicPostmortem(string Body, DateTime PublishedAt, DateTime? UpdatedAt);

/// <summary>An incident as a page knows it: only from the updates published to this page, newest first, and its public postmortem once published.</summary>
public sealed record PublicIncident(string Id, string Name, PublicState State, string Impact, DateTime CreatedAt, DateTime UpdatedAt,
    DateTime? MonitoringAt, DateTime? ResolvedAt, IReadOnlyList<PublicUpdate> Updates, IReadOnlyList<PublicAffected> Components, PublicPostmortem? Postmortem = null)
{
    public bool IsResolved => State == PublicState.Resolved;
}

/// <summary>A maintenance as the page shows it; its state is the one at the snapshot's time, and <see cref="UpdatedAt"/> when it last moved.</summary>
public sealed record PublicMaintenance(string Id, string Name, MaintenanceState State, string Body, DateTime ScheduledFor, DateTime ScheduledUntil,
    DateTime CreatedAt, DateTime UpdatedAt, IReadOnlyList<PublicAffected> Components)
{
    /// <summary>Statuspage's word for the state.</summary>
    public string Status => State switch
    {
        MaintenanceState.InProgress => "in_progress",
        MaintenanceState.Verifying => "verifying",
        MaintenanceState.Completed => "completed",
        _ => "scheduled",
    };
}

/// <summary>
/// Everything one status page shows, built from published updates only, at <see cref="BuiltAt"/>.
/// Immutable: every request of a page reads the same object until the next build replaces it.
/// </summary>
public sealed record PageSnapshot(PublicPage Page, DateTime BuiltAt, string Indicator, string Description,
    IReadOnlyList<PublicComponent> Components, IReadOnlyList<PublicIncident> Incidents, IReadOnlyList<PublicMaintenance> Maintenances)
{
    /// <summary>Not completed yet: scheduled, in progress or verifying.</summary>
    public IEnumerable<PublicMaintenance> OpenMaintenances => Maintenances.Where(m => m.State != MaintenanceState.Completed);

    public const int Days = 90;

    public IEnumerable<PublicIncident> Unresolved => Incidents.Where(i => !i.IsResolved);

    /// <summary>The components in the page's order, grouped by the catalog's groups in order of their first component.</summary>
    public IEnumerable<IGrouping<string, PublicComponent>> Groups => Components.OrderBy(c => c.Position).GroupBy(c => c.Group);
}
