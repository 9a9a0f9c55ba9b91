using System.Text.RegularExpressions;

namespace Dashboard.Data.Trackers;

/// <summary>What an admin types to connect a tracker.</summary>
public sealed class TrackerConnectionInput
{
    public string Name { get; set; } = "";
    public TrackerKind Kind { get; set; } = TrackerKind.GitHub;
    public string BaseUrl { get; set; } = "https://api.github.com";
    public string Project { get; set; } = "";
    public string? Labels { get; set; }
    public string? IssueType { get; set; }
}

public static partial class TrackerRules
{
    public const int NameLength = 40;

    public static Dictionary<string, string> Validate(TrackerConnectionInput input)
    {
        var errors = new Dictionary<string, string>();
        var name = input.Name.Trim();
        if (!NamePattern().IsMatch(name) || name.Length > NameLength)
            errors[nameof(input.Name)] = $"Name: lower-case letters, digits and dashes, up to {NameLength} (it names the credentials' setting and the webhook address).";
        if (!Enum.IsDefined(input.Kind)) errors[nameof(input.Kind)] = "Choose GitHub or Jira.";
        if (!WebLinks.IsSafeHttpUrl(input.BaseUrl) || input.BaseUrl.Trim().Length > Limits.UrlLength)
            errors[nameof(input.BaseUrl)] = $"'{input.BaseUrl.Trim()}' is not an http or https address.";
        var project = input.Project.Trim();
        if (input.Kind == TrackerKind.GitHub && !RepositoryPattern().IsMatch(project))
            errors[nameof(input.Project)] = "A GitHub repository is written owner/name.";
        if (input.Kind == TrackerKind.Jira && !ProjectKeyPattern().IsMatch(project))
            errors[nameof(input.Project)] = "A Jira project key is capital letters and digits, starting with a letter (OPS).";
        if ((input.Labels?.Length ?? 0) > Limits.PersonLength) errors[nameof(input.Labels)] = $"Labels are longer than {Limits.PersonLength} characters.";
        if ((input.IssueType?.Length ?? 0) > 64) errors[nameof(input.IssueType)] = "The issue type is longer than 64 characters.";
        return errors;
    }

    public static IReadOnlyList<string> LabelsOf(string? labels) =>
        [.. (labels ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase)];

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$")]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,29}$")]
    private static partial Regex ProjectKeyPattern();
}
