using System.Text.RegularExpressions;

namespace Dashboard.Data.Changes;

/// <summary>The checks every way in applies to a change, each naming its field.</summary>
public static partial class ChangeRules
{
    public const int ExternalIdLength = 200;
    public const int ServicesPerChange = 50;
    public const int LabelCount = 20;
    public const int LabelLength = 60;
    public const int LabelsLength = LabelCount * (LabelLength + 1);
    /// <summary>One bulk request: a busy deploy pipeline's backlog, within one transaction.</summary>
    public const int BulkCount = 10_000;

    [GeneratedRegex("^[A-Za-z][A-Za-z-_]*$")]
    private static partial Regex Word();

    public static string KindsInWords { get; } = string.Join(", ", Enum.GetNames<ChangeKind>().Select(Name));

    /// <summary>"feature-flag" for <see cref="ChangeKind.FeatureFlag"/>: how kinds are written in payloads, seeds and reasons.</summary>
    public static string Name(ChangeKind kind) => Name(kind.ToString());

    private static string Name(string pascal) => Regex.Replace(pascal, "(?<!^)([A-Z])", "-$1").ToLowerInvariant();

    public static bool TryParseKind(string? text, out ChangeKind kind)
    {
        kind = default;
        var word = text?.Trim();
        // Enum.TryParse also takes numbers ("3"): words only.
        return word is { Length: > 0 } && Word().IsMatch(word)
            && Enum.TryParse(word.Replace("-", "").Replace("_", ""), ignoreCase: true, out kind) && Enum.IsDefined(kind);
    }

    public static ValidChange? Validate(ChangeInput input, Dictionary<string, string> errors)
    {
        var externalId = input.ExternalId?.Trim();
        if (externalId is { Length: 0 }) externalId = null;
        if (externalId?.Length > ExternalIdLength) errors[nameof(input.ExternalId)] = $"The external id is {externalId.Length} characters long; the limit is {ExternalIdLength}.";

        if (string.IsNullOrWhiteSpace(input.Kind)) errors[nameof(input.Kind)] = $"The kind is required: one of {KindsInWords}.";
        else if (!TryParseKind(input.Kind, out _)) errors[nameof(input.Kind)] = $"'{input.Kind}' is not a kind of change: one of {KindsInWords}.";
        TryParseKind(input.Kind, out var kind);

        var keys = new List<string>();
        if (input.Services is not { Count: > 0 }) errors[nameof(input.Services)] = "Name at least one service the change touched (its catalog key).";
        else if (input.Services.Count > ServicesPerChange) errors[nameof(input.Services)] = $"{input.Services.Count} services; the limit is {ServicesPerChange}.";
        else
            foreach (var (key, n) in input.Services.Select((k, n) => (k?.Trim(), n)))
            {
                if (!Slugs.IsValid(key)) errors[$"{nameof(input.Services)}[{n}]"] = $"'{key}' is not a service key (lowercase letters, digits and '-').";
                else if (!keys.Contains(key!)) keys.Add(key!);
            }

        var started = Time(input.StartedAt, nameof(input.StartedAt), required: true, errors);
        var ended = Time(input.EndedAt, nameof(input.EndedAt), required: false, errors);
        if (started is { } s && ended is { } e && e < s)
            errors[nameof(input.EndedAt)] = $"The end ({UtcTime.Format(e)}) is before the start ({UtcTime.Format(s)}).";

        var author = Text(input.Author, nameof(input.Author), "Who or what made the change (a person, a pipeline)", Limits.PersonLength, errors);
        var title = Text(input.Title, nameof(input.Title), "Say what changed: the title", Limits.TitleLength, errors);
        var environment = input.Environment?.Trim() is { Length: > 0 } env ? env : null;
        if (environment?.Length > Limits.NameLength) errors[nameof(input.Environment)] = $"The environment is longer than {Limits.NameLength} characters.";

        var link = input.Link?.Trim() is { Length: > 0 } l ? l : null;
        if (link is not null && !WebLinks.IsSafeHttpUrl(link)) errors[nameof(input.Link)] = "The link must be an http or https address.";
        else if (link?.Length > Limits.UrlLength) errors[nameof(input.Link)] = $"The link is longer than {Limits.UrlLength} characters.";

        var labels = new List<string>();
        if (input.Labels?.Count > LabelCount) errors[nameof(input.Labels)] = $"{input.Labels.Count} labels; the limit is {LabelCount}.";
        else
            foreach (var (label, n) in (input.Labels ?? []).Select((x, n) => (x?.Trim(), n)))
            {
                if (string.IsNullOrEmpty(label) || label.Length > LabelLength || label.Contains(','))
                    errors[$"{nameof(input.Labels)}[{n}]"] = $"A label is 1 to {LabelLength} characters, without commas.";
                else if (!labels.Contains(label, StringComparer.OrdinalIgnoreCase)) labels.Add(label);
            }

        if (errors.Count > 0 || started is null || author is null || title is null) return null;
        return new ValidChange(externalId, kind, keys, environment, started.Value, ended, author, title, link, labels.Count == 0 ? null : string.Join(",", labels));
    }

    public static IReadOnlyList<string> LabelsOf(string? stored) => stored is null ? [] : stored.Split(',');

    private static DateTime? Time(string? text, string field, bool required, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required) errors[field] = "The time is required (\"2025-11-18T11:05:00Z\", or \"2025-11-18 11:05\" in UTC).";
            return null;
        }
        if (UtcTime.TryParseIso(text, out var iso)) return iso;
        if (UtcTime.TryParseTyped(text, out var typed) && typed is { } t) return t;
        errors[field] = $"'{text}' is not a time: use ISO 8601 with an offset (\"2025-11-18T11:05:00Z\") or \"2025-11-18 11:05\" (UTC).";
        return null;
    }

    private static string? Text(string? value, string field, string what, int limit, Dictionary<string, string> errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text)) { errors[field] = $"{what} is required."; return null; }
        if (text.Length > limit) { errors[field] = $"{what} is {text.Length} characters long; the limit is {limit}."; return null; }
        return text;
    }
}
