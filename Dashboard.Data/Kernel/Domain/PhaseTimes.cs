namespace Dashboard.Data.Kernel;

/// <summary>
/// The phase times of an incident (all UTC, all optional). Durations are measured from the start of
/// impact (or the trigger when no start is known) and are null when either end is missing, so a
/// missing time is never counted as zero.
/// </summary>
public sealed record PhaseTimes(
    DateTime? Triggered, DateTime? Started, DateTime? Detected,
    DateTime? Acknowledged, DateTime? Mitigated, DateTime? Resolved)
{
    public static readonly string[] Names = ["triggered", "started", "detected", "acknowledged", "mitigated", "resolved"];

    public IReadOnlyList<DateTime?> InOrder => [Triggered, Started, Detected, Acknowledged, Mitigated, Resolved];

    /// <summary>Each phase with its name, in order: "Triggered", "Started", …</summary>
    public IReadOnlyList<(string Name, DateTime? At)> Named =>
        [.. Names.Zip(InOrder, (n, at) => (char.ToUpperInvariant(n[0]) + n[1..], at))];

    public DateTime? ImpactStart => Started ?? Triggered;

    /// <summary>
    /// Where an impact window without a published end stops: at the incident's resolution, or at
    /// <paramref name="now"/> while it is unresolved. Charts, the replay and the impact view all use this.
    /// </summary>
    public DateTime OpenWindowEnd(DateTime now) => Resolved ?? now;

    /// <summary>
    /// The day a time typed without a date ("11:28") belongs to, for events, impact windows and chat
    /// lines alike: the first known phase, else the day the incident was recorded.
    /// </summary>
    public DateOnly ReferenceDate(DateTime recordedAt) => DateOnly.FromDateTime(Triggered ?? Started ?? Detected ?? recordedAt);

    public TimeSpan? TimeToDetect => Between(ImpactStart, Detected);
    public TimeSpan? TimeToMitigate => Between(ImpactStart, Mitigated);
    public TimeSpan? TimeToResolve => Between(ImpactStart, Resolved);

    /// <summary>The first pair of given phases that is out of order, as a readable message; null when ordered.</summary>
    public string? OrderError()
    {
        var times = InOrder;
        int? previous = null;
        for (var i = 0; i < times.Count; i++)
        {
            if (times[i] is not { } at) continue;
            if (previous is { } p && at < times[p]!.Value)
                return $"{Names[i]} ({UtcTime.Format(at)}) is before {Names[p]} ({UtcTime.Format(times[p]!.Value)}); phase times must be in the order {string.Join(" ≤ ", Names)}";
            previous = i;
        }
        return null;
    }

    private static TimeSpan? Between(DateTime? from, DateTime? to) => from is { } f && to is { } t ? t - f : null;
}
