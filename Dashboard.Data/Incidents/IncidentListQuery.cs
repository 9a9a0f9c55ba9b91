namespace Dashboard.Data.Incidents;

public enum IncidentSort { Start, Severity, Title, Status, Organisation, Duration, AffectedServices }

public sealed record IncidentListQuery(
    string? Search = null,
    IReadOnlyCollection<Severity>? Severities = null,
    IReadOnlyCollection<IncidentStatus>? Statuses = null,
    IncidentSort Sort = IncidentSort.Start,
    bool Descending = true,
    int Page = 0,
    int PageSize = 25,
    /// <summary>true: near misses only; false: incidents only; null: both.</summary>
    bool? NearMiss = null);

public sealed record IncidentListItem(
    int Id, string Slug, string Title, string Organisation, Severity Severity, IncidentStatus Status,
    DateTime? StartedAt, double? DurationMinutes, int AffectedServices, PostmortemStatus PostmortemStatus, bool IsNearMiss = false);

