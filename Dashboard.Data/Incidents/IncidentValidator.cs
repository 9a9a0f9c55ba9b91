namespace Dashboard.Data.Incidents;

/// <summary>A valid form, parsed: the phase times as UTC values and the cleaned-up tags.</summary>
public sealed record ParsedIncident(PhaseTimes Phases, string? Tags);

public static class IncidentValidator
{
    public const string PhasesField = "Phases";

    /// <summary>Checks a form; returns the errors by field name (empty when valid) and the parsed values.</summary>
    public static (ParsedIncident? Parsed, Dictionary<string, string> Errors) Validate(IncidentInput input)
    {
        var errors = new Dictionary<string, string>();
        Required(errors, nameof(input.Title), input.Title, Limits.TitleLength);
        Required(errors, nameof(input.Organisation), input.Organisation, Limits.NameLength);
        Required(errors, nameof(input.Summary), input.Summary, Limits.MarkdownLength);
        Optional(errors, nameof(input.Commander), input.Commander, Limits.PersonLength);
        Optional(errors, nameof(input.Trigger), input.Trigger, Limits.MarkdownLength);
        Optional(errors, nameof(input.RootCause), input.RootCause, Limits.MarkdownLength);
        Optional(errors, nameof(input.CustomerImpact), input.CustomerImpact, Limits.MarkdownLength);
        Optional(errors, nameof(input.WhatSurprisedUs), input.WhatSurprisedUs, Limits.MarkdownLength);
        if (!Enum.IsDefined(input.Severity)) errors[nameof(input.Severity)] = "Choose a severity.";
        if (!Enum.IsDefined(input.Status)) errors[nameof(input.Status)] = "Choose a status.";

        var triggered = Time(errors, nameof(input.Triggered), input.Triggered);
        var started = Time(errors, nameof(input.Started), input.Started);
        var detected = Time(errors, nameof(input.Detected), input.Detected);
        var acknowledged = Time(errors, nameof(input.Acknowledged), input.Acknowledged);
        var mitigated = Time(errors, nameof(input.Mitigated), input.Mitigated);
        var resolved = Time(errors, nameof(input.Resolved), input.Resolved);
        var phases = new PhaseTimes(triggered, started, detected, acknowledged, mitigated, resolved);
        if (!errors.ContainsKey(nameof(input.Started)) && !errors.ContainsKey(nameof(input.Triggered)) && phases.ImpactStart is null)
            errors[nameof(input.Started)] = "Give when the impact started (or at least when it was triggered).";
        if (phases.OrderError() is { } order) errors[PhasesField] = char.ToUpperInvariant(order[0]) + order[1..] + ".";

        var tags = (input.Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.ToLowerInvariant()).Distinct().ToList();
        if (tags.Count > Limits.TagCount) errors[nameof(input.Tags)] = $"At most {Limits.TagCount} tags.";
        else if (tags.FirstOrDefault(t => t.Length > Limits.TagLength) is { } longTag)
            errors[nameof(input.Tags)] = $"Tag '{longTag}' is longer than {Limits.TagLength} characters.";

        if (input.Sources.Count > Limits.SourcesPerIncident) errors[nameof(input.Sources)] = $"At most {Limits.SourcesPerIncident} sources.";
        for (var i = 0; i < input.Sources.Count; i++)
        {
            var s = input.Sources[i];
            if (string.IsNullOrWhiteSpace(s.Title)) errors[$"Sources[{i}].Title"] = $"Source {i + 1}: a title is required.";
            else if (s.Title.Trim().Length > Limits.SourceTitleLength) errors[$"Sources[{i}].Title"] = $"Source {i + 1}: the title is longer than {Limits.SourceTitleLength} characters.";
            if (!string.IsNullOrWhiteSpace(s.Url) && (!WebLinks.IsSafeHttpUrl(s.Url) || s.Url.Trim().Length > Limits.UrlLength))
                errors[$"Sources[{i}].Url"] = $"Source {i + 1}: '{s.Url}' is not an http or https link.";
        }
        return (errors.Count == 0 ? new ParsedIncident(phases, tags.Count > 0 ? string.Join(",", tags) : null) : null, errors);
    }

    private static void Required(Dictionary<string, string> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[field] = $"{Label(field)} is required.";
        else Optional(errors, field, value, max);
    }

    private static void Optional(Dictionary<string, string> errors, string field, string? value, int max)
    {
        if (value is not null && value.Trim().Length > max) errors[field] = $"{Label(field)} is longer than {max} characters.";
    }

    private static DateTime? Time(Dictionary<string, string> errors, string field, string? text)
    {
        if (UtcTime.TryParseTyped(text, out var utc)) return utc;
        errors[field] = $"{Label(field)}: '{text}' is not a UTC date and time (use YYYY-MM-DD HH:MM).";
        return null;
    }

    private static string Label(string field) => field switch
    {
        "RootCause" => "Root cause",
        "CustomerImpact" => "Customer impact",
        "WhatSurprisedUs" => "What surprised us",
        _ => field,
    };
}
