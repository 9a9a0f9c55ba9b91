using Dashboard.Data.Incidents;

namespace Dashboard.Data.Learning;

/// <summary>A directed link: <see cref="FromIncidentId"/> repeats / was caused by / relates to <see cref="ToIncidentId"/>.</summary>
public class IncidentLink : IIncidentRow
{
    IEnumerable<int> IIncidentRow.IncidentIds => [FromIncidentId, ToIncidentId];

    public int Id { get; set; }
    public int FromIncidentId { get; set; }
    public Incident? From { get; set; }
    public int ToIncidentId { get; set; }
    public Incident? To { get; set; }
    public IncidentLinkKind Kind { get; set; }
    public DateTime CreatedAt { get; set; }
}
