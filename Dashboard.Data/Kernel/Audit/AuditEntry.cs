namespace Dashboard.Data.Kernel;

/// <summary>
/// One write, as the door recorded it in the write's own transaction. Append-only: nothing in the
/// app edits or deletes these, and they outlive the incident they name (no foreign key).
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string Actor { get; set; }
    public ActorKind ActorKind { get; set; }
    /// <summary>entity.verb, e.g. <c>incident.updated</c>, <c>timeline_event.created</c>, <c>postmortem.published</c>.</summary>
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityKey { get; set; }
    public int? IncidentId { get; set; }
    /// <summary>Kept beside the id so the entry still names its incident after the incident is deleted.</summary>
    public string? IncidentSlug { get; set; }
    /// <summary>JSON array of <see cref="FieldChange"/>.</summary>
    public string? Changes { get; set; }
    public ChangeSource Source { get; set; }
}
