using Dashboard.Data.Domain;
using Dashboard.Data.Entities;

namespace Dashboard.Data.Incidents;

public sealed record IncidentDetail(
    int Id, string Slug, string Title, string Organisation, Severity Severity, IncidentStatus Status,
    string? Commander, IReadOnlyList<string> Tags, string? SourceTimeZone, PhaseTimes Phases,
    string Summary, string? Trigger, string? RootCause, string? CustomerImpact, PostmortemStatus PostmortemStatus,
    IReadOnlyList<SourceItem> Sources, int EventCount,
    IReadOnlyList<Impact.ImpactWindowItem> Impacts, int ActionCount, Guid Version);

public sealed record SourceItem(string? Ref, string Title, string? Url, SourceGrade? Grade);


