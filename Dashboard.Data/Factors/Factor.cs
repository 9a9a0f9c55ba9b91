using Dashboard.Data.Actions;
using Dashboard.Data.Incidents;
using Dashboard.Data.Timeline;


namespace Dashboard.Data.Factors;

/// <summary>
/// One contributing factor of an incident: a short statement and a category, with the timeline
/// events that show it and the actions that address it. An incident has several: each is necessary,
/// none alone is sufficient, which one root-cause field cannot say.
/// </summary>
public class Factor : IDoorRow, IIncidentRow
{
    DoorAddress IDoorRow.Address => new(Id, Id.ToString(), IncidentId, Version);
    IEnumerable<int> IIncidentRow.IncidentIds => [IncidentId];

    public int Id { get; set; }
    public int IncidentId { get; set; }
    public Incident? Incident { get; set; }
    public required string Statement { get; set; }
    /// <summary>One of the configured categories (<see cref="FactorOptions"/>) when written; kept as written if the list changes later.</summary>
    public required string Category { get; set; }
    /// <summary>The order the factors are told in (the postmortem and the page list them so).</summary>
    public int SortOrder { get; set; }
    public List<TimelineEvent> Evidence { get; set; } = [];
    public List<RemediationAction> Actions { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; }
}
