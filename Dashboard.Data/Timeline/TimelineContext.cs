using Dashboard.Data.Domain;

namespace Dashboard.Data.Timeline;

/// <summary>What the event rules need to know about an incident: its phases and its other events.</summary>
public sealed record TimelineContext(PhaseTimes Phases, IReadOnlyList<(int Id, DateTime At, string Text)> Events)
{
    /// <summary>The day a time typed without a date belongs to: the incident's first known phase.</summary>
    public DateOnly ReferenceDate =>
        DateOnly.FromDateTime(Phases.Triggered ?? Phases.Started ?? Phases.Detected ?? Events.FirstOrDefault().At);
}
