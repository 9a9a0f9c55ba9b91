using Dashboard.Data.Incidents;

namespace Dashboard.Data.Actions;

public class RemediationAction : IDoorRow, IIncidentRow
{
    DoorAddress IDoorRow.Address => new(Id, Id.ToString(), IncidentId, Version);
    IEnumerable<int> IIncidentRow.IncidentIds => [IncidentId];

    public int Id { get; set; }
    public int IncidentId { get; set; }
    public Incident? Incident { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    /// <summary>Shown owner: the user's display name when <see cref="OwnerUserId"/> is set, else free text for someone without an account.</summary>
    public string? Owner { get; set; }
    public string? OwnerUserId { get; set; }
    public string? Team { get; set; }
    public ActionPriority Priority { get; set; }
    public ActionKind Kind { get; set; }
    public ActionStatus Status { get; set; }
    public string? WontDoReason { get; set; }
    public DateOnly? DueDate { get; set; }
    public DateTime? CompletedAt { get; set; }
    /// <summary>Tracker link; only http and https are accepted.</summary>
    public string? ExternalUrl { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public string? CreatedByUserId { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; }
    public List<ActionStatusChange> StatusHistory { get; set; } = [];
}
