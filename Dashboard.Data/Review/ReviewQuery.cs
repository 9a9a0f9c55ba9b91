namespace Dashboard.Data.Review;

/// <summary>The review's period (UTC, start inclusive, end exclusive; null for all time) and filters.</summary>
public sealed record ReviewQuery(
    DateTime? From = null,
    DateTime? To = null,
    IReadOnlyCollection<Severity>? Severities = null,
    string? Organisation = null,
    int? ServiceId = null);

/// <summary>
/// Median and 90th percentile of one duration, its sample size (<paramref name="Measured"/>), how many
/// incidents had no value for it, and the median's bootstrap 95% interval (null below three values).
/// </summary>
public sealed record DurationStat(double? MedianMinutes, double? P90Minutes, int Measured, int Missing, (double Low, double High)? MedianInterval = null);

public enum DurationPhase { Detect, Mitigate, Resolve }

/// <summary>One phase duration over all the period's incidents, and, when the period is bounded, the same for the period before it and whether they differ by more than noise.</summary>
public sealed record PhaseOverview(DurationPhase Phase, DurationStat Current, DurationStat? Previous, DifferenceTest? Difference);

/// <summary>One incident's durations in minutes (null when a phase time is missing), a point of the review's strip plot.</summary>
public sealed record DurationPoint(string Slug, string Title, Severity Severity, double? DetectMinutes, double? MitigateMinutes, double? ResolveMinutes)
{
    public double? Of(DurationPhase phase) => phase switch
    {
        DurationPhase.Detect => DetectMinutes,
        DurationPhase.Mitigate => MitigateMinutes,
        _ => ResolveMinutes,
    };
}

/// <summary>The period the review compares with: the one of the same length just before it.</summary>
public sealed record PreviousPeriod(DateTime From, DateTime To, int Incidents);

public sealed record SeverityStats(Severity Severity, int Incidents, DurationStat Detect, DurationStat Mitigate, DurationStat Resolve);

public sealed record ServiceStat(int ServiceId, string Name, int Incidents, double ImpactMinutes);

public sealed record ActionStats(int Total, int Open, int Overdue, int Done, int WontDo, int DoneInPeriod, double? CompletionRate);

/// <summary>A UTC month; <paramref name="ResolvedCount"/> is the sample size behind its median time to resolve.</summary>
public sealed record MonthPoint(DateOnly Month, IReadOnlyDictionary<Severity, int> IncidentsBySeverity, double? MedianResolveMinutes, int ResolvedCount,
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
    IReadOnlyList<ReviewIncident> IncidentList,
    IReadOnlyList<PhaseOverview> Phases,
    PreviousPeriod? Previous,
    IReadOnlyList<DurationPoint> Points)
{
    /// <summary>Near misses of the period (same filters), counted apart: none of the figures above includes them, apart from the actions.</summary>
    public int NearMisses { get; init; }
}
