namespace Dashboard.Data.Entities;

public class RemediationAction
{
    public int Id { get; set; }
    public int IncidentId { get; set; }
    public Incident? Incident { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public string? Owner { get; set; }
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
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; }
}
