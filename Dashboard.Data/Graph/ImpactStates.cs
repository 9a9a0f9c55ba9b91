namespace Dashboard.Data.Graph;

/// <summary>One impact window; <see cref="End"/> is null when the source gives no end.</summary>
public readonly record struct ImpactSpan(int ServiceId, ImpactLevel Level, DateTime Start, DateTime? End);

/// <summary>Which services were impaired, and how badly, at a given moment of an incident.</summary>
public static class ImpactStates
{
    /// <summary>
    /// The worst level of each service impaired at <paramref name="at"/>. A window covers
    /// [start, end): at its end minute the service counts as recovered, so a window that hands
    /// over to the next one (14:30 major → 14:30 degraded) shows the new level. A window without a
    /// published end lasts until <paramref name="openEnd"/> (the incident's resolution), as on the timeline.
    /// </summary>
    public static Dictionary<int, ImpactLevel> At(IEnumerable<ImpactSpan> windows, DateTime at, DateTime openEnd)
    {
        var state = new Dictionary<int, ImpactLevel>();
        foreach (var w in windows)
        {
            if (at < w.Start || at >= (w.End ?? openEnd)) continue;
            if (!state.TryGetValue(w.ServiceId, out var level) || w.Level > level) state[w.ServiceId] = w.Level;
        }
        return state;
    }

    /// <summary>The worst level each service reached at any time.</summary>
    public static Dictionary<int, ImpactLevel> Worst(IEnumerable<ImpactSpan> windows) =>
        windows.GroupBy(w => w.ServiceId).ToDictionary(g => g.Key, g => g.Max(w => w.Level));

    /// <summary>
    /// How many services were impaired from each moment on: a step series with a point at every
    /// start and end, ending with the count after the last change.
    /// </summary>
    public static List<(DateTime At, int Count)> ImpairedCount(IReadOnlyCollection<ImpactSpan> windows, DateTime openEnd)
    {
        var moments = windows.SelectMany(w => new[] { w.Start, w.End ?? openEnd }).Distinct().Order();
        var steps = new List<(DateTime, int)>();
        foreach (var t in moments)
        {
            var count = At(windows, t, openEnd).Count;
            if (steps.Count == 0 || steps[^1].Item2 != count) steps.Add((t, count));
        }
        return steps;
    }
}
