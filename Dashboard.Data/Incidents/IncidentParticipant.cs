using Dashboard.Data.Identity;

namespace Dashboard.Data.Incidents;

/// <summary>
/// A user's place on one incident: a named incident role, or plain membership. Role holders and
/// members are who may see a private incident besides admins, so both live in one table.
/// </summary>
public class IncidentParticipant : IIncidentRow
{
    IEnumerable<int> IIncidentRow.IncidentIds => [IncidentId];

    public int Id { get; set; }
    public int IncidentId { get; set; }
    public required string UserId { get; set; }
    public AppUser? User { get; set; }
    public IncidentRole Role { get; set; }
    public DateTime AddedAt { get; set; }
}
