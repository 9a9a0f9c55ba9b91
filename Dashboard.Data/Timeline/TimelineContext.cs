namespace Dashboard.Data.Timeline;

/// <summary>What the event rules need to know about an incident: its phases and its other events.</summary>
public sealed record TimelineContext(PhaseTimes Phases, DateTime RecordedAt, IReadOnlyList<(int Id, DateTime At, string Text)> Events)
{
    public DateOnly ReferenceDate => Phases.ReferenceDate(RecordedAt);
}
