using System.Globalization;

namespace Dashboard.Data.Timeline;

/// <summary>Validation (blocking) and warnings (not blocking) for timeline events.</summary>
public static class EventRules
{
    public static readonly TimeSpan SilentGap = TimeSpan.FromMinutes(30);

    /// <summary>Reads "11:28", "11:28:05" (on the reference date) or any full UTC form UtcTime accepts.</summary>
    public static bool TryParseTime(string? text, DateOnly referenceDate, out DateTime? utc)
    {
        utc = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var t = text.Trim();
        if (TimeOnly.TryParseExact(t, ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            utc = referenceDate.ToDateTime(time, DateTimeKind.Utc);
            return true;
        }
        return UtcTime.TryParseTyped(t, out utc);
    }

    public static (DateTime At, DateTime? EndsAt)? Validate(EventInput input, DateOnly referenceDate, Dictionary<string, string> errors)
    {
        DateTime? at = null, endsAt = null;
        if (string.IsNullOrWhiteSpace(input.OccurredAt)) errors[nameof(input.OccurredAt)] = "The time is required (UTC, e.g. 11:28 or 2025-11-18 11:28).";
        else if (!TryParseTime(input.OccurredAt, referenceDate, out at)) errors[nameof(input.OccurredAt)] = $"'{input.OccurredAt}' is not a UTC time (use 11:28 or 2025-11-18 11:28).";
        if (!TryParseTime(input.EndsAt, referenceDate, out endsAt)) errors[nameof(input.EndsAt)] = $"'{input.EndsAt}' is not a UTC time (use 11:28 or 2025-11-18 11:28).";
        else if (at is { } a && endsAt is { } e && e < a) errors[nameof(input.EndsAt)] = $"The end ({UtcTime.Format(e)}) is before the start ({UtcTime.Format(a)}).";
        if (string.IsNullOrWhiteSpace(input.Text)) errors[nameof(input.Text)] = "Say what happened: the text is required.";
        else if (input.Text.Trim().Length > Limits.EventTextLength) errors[nameof(input.Text)] = $"The text is {input.Text.Trim().Length} characters long; the limit is {Limits.EventTextLength}.";
        if ((input.Author?.Trim().Length ?? 0) > Limits.PersonLength) errors[nameof(input.Author)] = $"The author is longer than {Limits.PersonLength} characters.";
        if (!Enum.IsDefined(input.Kind)) errors[nameof(input.Kind)] = "Choose a kind.";
        return errors.Count == 0 && at is { } ok ? (ok, endsAt) : null;
    }

    /// <summary>
    /// Things a reviewer should look at, which do not stop the save: an event outside the incident
    /// window, a probable duplicate, and silent stretches of more than 30 minutes during impact.
    /// </summary>
    public static List<string> Warnings(TimelineContext context, int? eventId, DateTime at, string text)
    {
        var warnings = new List<string>();
        var p = context.Phases;
        if ((p.Triggered ?? p.Started) is { } start && at < start)
            warnings.Add($"{UtcTime.Format(at)} is before the incident was triggered ({UtcTime.Format(start)}).");
        if (p.Resolved is { } end && at > end)
            warnings.Add($"{UtcTime.Format(at)} is after the incident was resolved ({UtcTime.Format(end)}).");
        var minute = Truncate(at);
        if (context.Events.Any(e => e.Id != eventId && Truncate(e.At) == minute && string.Equals(e.Text.Trim(), text.Trim(), StringComparison.OrdinalIgnoreCase)))
            warnings.Add($"Probable duplicate: another event at {UtcTime.Format(at)} has the same text.");
        var times = context.Events.Where(e => e.Id != eventId).Select(e => e.At).Append(at);
        warnings.AddRange(SilentGaps(p, times).Select(g => $"No events for {Durations.Format(g.To - g.From)} during impact, from {UtcTime.Format(g.From)} to {UtcTime.Format(g.To)}."));
        return warnings;
    }

    /// <summary>Stretches longer than <see cref="SilentGap"/> without an event between impact start and mitigation (or resolution).</summary>
    public static IEnumerable<(DateTime From, DateTime To)> SilentGaps(PhaseTimes phases, IEnumerable<DateTime> eventTimes)
    {
        if (phases.ImpactStart is not { } from || (phases.Mitigated ?? phases.Resolved) is not { } to || to <= from) yield break;
        var previous = from;
        foreach (var t in eventTimes.Where(t => t > from && t < to).Order().Append(to))
        {
            if (t - previous > SilentGap) yield return (previous, t);
            previous = t;
        }
    }

    private static DateTime Truncate(DateTime t) => new(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, DateTimeKind.Utc);
}
