using Dashboard.Data.Catalog;

namespace Dashboard.Data.Timeline;

public class TimelineEvent : IDoorRow, IIncidentRow
{
    DoorAddress IDoorRow.Address => new(Id, Id.ToString(), IncidentId, Version);
    IEnumerable<int> IIncidentRow.IncidentIds => [IncidentId];

    public int Id { get; set; }
    public int IncidentId { get; set; }
    public DateTime OccurredAt { get; set; }
    public DateTime? EndsAt { get; set; }
    public EventKind Kind { get; set; }
    public required string Text { get; set; }
    public string? Author { get; set; }
    public EventSource Source { get; set; }
    /// <summary>Where the event came from: a source tag for seeded rows, a file name for imports.</summary>
    public string? SourceReference { get; set; }
    public bool IsKey { get; set; }
    /// <summary>What the event was in the response (detection, diagnosis, repair, a key moment), beside its kind; null when untagged.</summary>
    public EventMoment? Moment { get; set; }
    public int? ServiceId { get; set; }
    public Service? Service { get; set; }
    /// <summary>Changes on every save, so an edit based on an older read is refused instead of silently overwriting.</summary>
    public Guid Version { get; set; }
}
