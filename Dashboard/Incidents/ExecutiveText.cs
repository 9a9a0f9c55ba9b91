using System.Text.RegularExpressions;

namespace Dashboard.Incidents;

/// <summary>Cuts long Markdown down to what fits a one-screen executive summary.</summary>
public static partial class ExecutiveText
{
    [GeneratedRegex(@"^\s*(\d+\.|[-*])\s+", RegexOptions.Multiline)]
    private static partial Regex ListMarker();

    public static string FirstParagraph(string markdown)
    {
        var text = markdown.Trim();
        var end = text.IndexOf("\n\n", StringComparison.Ordinal);
        return end > 0 ? text[..end] : text;
    }

    /// <summary>
    /// The root cause in <paramref name="count"/> lines: the first items of a numbered or bulleted
    /// chain, or else the first sentences, each without Markdown emphasis and at most 220 characters.
    /// </summary>
    public static IReadOnlyList<string> RootCauseLines(string? markdown, int count)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return ["Not recorded yet."];
        var lines = markdown.Split('\n').Where(l => ListMarker().IsMatch(l)).Select(l => ListMarker().Replace(l, "")).ToList();
        if (lines.Count == 0)
            lines = [.. Regex.Split(markdown.Replace('\n', ' '), @"(?<=\.)\s+")];
        return [.. lines.Select(Clean).Where(l => l.Length > 0).Take(count)];
    }

    private static string Clean(string line)
    {
        var text = line.Replace("**", "").Replace("`", "").Trim();
        return text.Length <= 220 ? text : text[..219].TrimEnd() + "…";
    }
}
