namespace Dashboard.Data.Review;

/// <summary>The review's period (UTC, start inclusive, end exclusive; null for all time) and filters.</summary>
public sealed record ReviewQuery(
    DateTime? From = null,
    DateTime? To = null,
    IReadOnlyCollection<Severity>? Severities = null,
    string? Organisation = null,
    int? ServiceId = null);

/// <summary>Median and 90th percentile of one duration, with how many incidents had no value for it.</summary>
public sealed record DurationStat(double? MedianMinutes, double? P90Minutes, int Measured, int Missing);

public sealed record SeverityStats(Severity Severity, int Incidents, DurationStat Detect, DurationStat Mitigate, DurationStat Resolve);

public sealed record ServiceStat(int ServiceId, string Name, int Incidents, double ImpactMinutes);

public sealed record ActionStats(int Total, int Open, int Overdue, int Done, int WontDo, int DoneInPeriod, double? CompletionRate);

public sealed record MonthPoint(DateOnly Month, IReadOnlyDictionary<Severity, int> IncidentsBySeverity, double? MedianResolveMinutes,
    int ActionsOpened, int ActionsClosed, int OpenAtMonthEnd);

public sealed record ReviewIncident(string Slug, string Title, string Organisation, Severity Severity, DateTime? StartedAt,
    double? DurationMinutes, PostmortemStatus PostmortemStatus, int ActionsDone, int ActionsTotal, string OneLine);

public sealed record ReviewReport(
    ReviewQuery Query,
    int Incidents,
    IReadOnlyList<SeverityStats> BySeverity,
    double ImpactMinutes,
    IReadOnlyList<ServiceStat> TopServicesByIncidents,
    IReadOnlyList<ServiceStat> TopServicesByImpact,
    ActionStats Actions,
    int WithoutPublishedPostmortem,
    IReadOnlyList<MonthPoint> Months,
    IReadOnlyList<ReviewIncident> IncidentList);
