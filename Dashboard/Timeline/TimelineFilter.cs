using Dashboard.Data.Timeline;

namespace Dashboard.Timeline;

/// <summary>The timeline's filters; the chart and the list both show <see cref="Apply"/>'s result.</summary>
public sealed record TimelineFilter(IReadOnlySet<EventKind> Kinds, IReadOnlySet<int> ServiceIds, bool KeyOnly)
{
    public static readonly TimelineFilter None = new(new HashSet<EventKind>(), new HashSet<int>(), false);

    public bool IsActive => Kinds.Count > 0 || ServiceIds.Count > 0 || KeyOnly;

    public IReadOnlyList<TimelineEntry> Apply(IReadOnlyList<TimelineEntry> events) =>
        IsActive
            ? [.. events.Where(e => (Kinds.Count == 0 || Kinds.Contains(e.Kind))
                                   && (ServiceIds.Count == 0 || e.ServiceId is { } s && ServiceIds.Contains(s))
                                   && (!KeyOnly || e.IsKey))]
            : events;
}
