using Dashboard.Data.Catalog;

namespace Dashboard.Data.Impact;

/// <summary>One window in which a service was impaired; a service may have several in one incident.</summary>
public class ServiceImpact : IDoorRow, IIncidentRow
{
    DoorAddress IDoorRow.Address => new(Id, Id.ToString(), IncidentId, Version);
    IEnumerable<int> IIncidentRow.IncidentIds => [IncidentId];

    public int Id { get; set; }
    public int IncidentId { get; set; }
    public int ServiceId { get; set; }
    public Service? Service { get; set; }
    public ImpactLevel Level { get; set; }
    public DateTime StartedAt { get; set; }
    /// <summary>Null when the source does not give an end.</summary>
    public DateTime? EndedAt { get; set; }
    public string? Description { get; set; }
    public Guid Version { get; set; }
}
