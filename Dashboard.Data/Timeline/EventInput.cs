namespace Dashboard.Data.Timeline;

/// <summary>A timeline event as the dialog edits it; times are typed in UTC.</summary>
public sealed class EventInput
{
    /// <summary>"11:28" (the incident's date is used) or "2025-11-18 11:28".</summary>
    public string OccurredAt { get; set; } = "";
    public string? EndsAt { get; set; }
    public EventKind Kind { get; set; } = EventKind.Note;
    public string Text { get; set; } = "";
    public int? ServiceId { get; set; }
    public bool IsKey { get; set; }
    /// <summary>Detection, diagnosis, repair or key moment; null when the event is none of these.</summary>
    public EventMoment? Moment { get; set; }
    public string? Author { get; set; }
}
