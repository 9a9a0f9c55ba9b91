using Dashboard.Data.Timeline;

namespace Dashboard.Data.Impact;

/// <summary>Validation (blocking) and warnings (not blocking) for impact windows.</summary>
public static class ImpactRules
{
    public static (DateTime Start, DateTime? End)? Validate(ImpactInput input, DateOnly referenceDate, Dictionary<string, string> errors)
    {
        DateTime? start = null, end = null;
        if (input.ServiceId is null) errors[nameof(input.ServiceId)] = "Service: choose the service that was impaired.";
        if (!Enum.IsDefined(input.Level)) errors[nameof(input.Level)] = "Level: choose degraded, partial outage or major outage.";
        if (string.IsNullOrWhiteSpace(input.Start)) errors[nameof(input.Start)] = "Start: required (UTC, e.g. 11:20 or 2025-11-18 11:20).";
        else if (!EventRules.TryParseTime(input.Start, referenceDate, out start)) errors[nameof(input.Start)] = $"Start: '{input.Start}' is not a UTC time (use 11:20 or 2025-11-18 11:20).";
        if (!EventRules.TryParseTime(input.End, referenceDate, out end)) errors[nameof(input.End)] = $"End: '{input.End}' is not a UTC time (use 11:20 or 2025-11-18 11:20).";
        else if (start is { } s && end is { } e && e <= s) errors[nameof(input.End)] = $"End: {UtcTime.Format(e)} is not after the start ({UtcTime.Format(s)}).";
        if ((input.Description?.Trim().Length ?? 0) > Limits.EventTextLength) errors[nameof(input.Description)] = $"Description: at most {Limits.EventTextLength} characters.";
        return errors.Count == 0 && start is { } ok ? (ok, end) : null;
    }

    /// <summary>A window outside the incident's own window is allowed (sources disagree) but worth a second look.</summary>
    public static List<string> Warnings(PhaseTimes phases, DateTime start, DateTime? end)
    {
        var warnings = new List<string>();
        if ((phases.Triggered ?? phases.Started) is { } from && start < from)
            warnings.Add($"The window starts at {UtcTime.Format(start)}, before the incident was triggered ({UtcTime.Format(from)}).");
        if (phases.Resolved is { } to && (end ?? start) > to)
            warnings.Add($"The window {(end is null ? "starts" : "ends")} at {UtcTime.Format(end ?? start)}, after the incident was resolved ({UtcTime.Format(to)}).");
        return warnings;
    }
}
