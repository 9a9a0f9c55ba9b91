using Dashboard.Data.Catalog;

namespace Dashboard.Data.Changes;

/// <summary>An incident a change is marked on, as far as the viewer may see that incident.</summary>
public sealed record ChangeIncidentLink(string Slug, string Title, ChangeRole Role);

public sealed record ChangeItem(int Id, string? ExternalId, ChangeKind Kind, string Title, string? Environment, DateTime StartedAt, DateTime? EndedAt,
    string Author, string? Link, IReadOnlyList<string> Labels, IReadOnlyList<string> Services, string Origin, DateTime RecordedAt,
    IReadOnlyList<ChangeIncidentLink> Incidents);

/// <summary>One row of "Changes before this incident": the change, its place and why, and a responder's mark if any.</summary>
public sealed record RankedChangeItem(ChangeItem Change, int Rank, ChangeRelation Relation, string ServiceKey, int? Hops, int ImpactedDownstream,
    string Reason, ChangeRole? Mark);

/// <summary>
/// The panel's answer: the window searched, the start the times are measured from, the ranked rows,
/// and the changes left out (unrelated ones beyond the shown few).
/// </summary>
public sealed record IncidentChanges(DateTime From, DateTime To, DateTime Start, IReadOnlyList<RankedChangeItem> Items, int UnrelatedLeftOut)
{
    public RankedChangeItem? Trigger => Items.FirstOrDefault(i => i.Mark == ChangeRole.Trigger);
}

public sealed class ChangeFilter
{
    public string? Service { get; set; }
    public string? Kind { get; set; }
    public string? Environment { get; set; }
    public DateTime? From { get; set; }
    public DateTime? To { get; set; }
    public string? ExternalId { get; set; }
    public int Limit { get; set; } = 100;
}

/// <summary>A change a responder marked on an incident, as the postmortem's <c>{{changes}}</c> table lists it.</summary>
public sealed record MarkedChange(ChangeRole Role, DateTime StartedAt, ChangeKind Kind, IReadOnlyList<string> Services, string Title, string Author,
    string? Environment, string? Link);

/// <summary>A change drawn on the incident's timeline, on the lane of one service it touched.</summary>
public sealed record ChangeMarker(int Id, DateTime At, ChangeKind Kind, string Title, string Author, string? Link, string Lane);
