using Dashboard.Data.Incidents;

namespace Dashboard.Data.Alerts;

/// <summary>
/// Which incident an Alertmanager alert group (its <c>groupKey</c>) feeds, so repeated and later
/// notifications of the group add to that incident instead of declaring another one.
/// </summary>
public class AlertGroup : IIncidentRow
{
    IEnumerable<int> IIncidentRow.IncidentIds => [IncidentId];

    public int Id { get; set; }
    public required string GroupKey { get; set; }
    public int IncidentId { get; set; }
    public Incident? Incident { get; set; }
    public DateTime CreatedAt { get; set; }
}
