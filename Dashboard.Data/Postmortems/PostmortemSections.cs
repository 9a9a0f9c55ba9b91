namespace Dashboard.Data.Postmortems;

/// <summary>A level-two section of a postmortem: its heading, the line the heading is on (1-based) and its body lines.</summary>
public sealed record DocumentSection(string Heading, int Line, IReadOnlyList<string> Body)
{
    /// <summary>
    /// Whether the author wrote anything here: template hints, generated-table placeholders and
    /// blank lines do not count, so a section left as the template made it reads as empty.
    /// </summary>
    public bool HasText => Body.Any(l => l.Trim().Length > 0 && !PostmortemTemplate.IsHint(l) && !GeneratedSections.IsPlaceholderLine(l));
}

public static class PostmortemSections
{
    /// <summary>Splits the document at its "## " headings, ignoring headings inside fenced code blocks.</summary>
    public static IReadOnlyList<DocumentSection> Parse(string? markdown)
    {
        var sections = new List<DocumentSection>();
        if (string.IsNullOrEmpty(markdown)) return sections;
        string? heading = null;
        var line = 0;
        var body = new List<string>();
        var inFence = false;
        var number = 0;
        foreach (var raw in markdown.Split('\n'))
        {
            number++;
            var text = raw.TrimEnd('\r');
            if (IsFence(text)) inFence = !inFence;
            if (!inFence && text.StartsWith("## ", StringComparison.Ordinal))
            {
                if (heading is not null) sections.Add(new DocumentSection(heading, line, body));
                heading = text[3..].Trim().TrimEnd('#').Trim();
                line = number;
                body = [];
            }
            else if (heading is not null) body.Add(text);
        }
        if (heading is not null) sections.Add(new DocumentSection(heading, line, body));
        return sections;
    }

    public static DocumentSection? Find(IReadOnlyList<DocumentSection> sections, string heading) =>
        sections.FirstOrDefault(s => string.Equals(s.Heading, heading, StringComparison.OrdinalIgnoreCase));

    internal static bool IsFence(string line)
    {
        var t = line.TrimStart();
        return t.StartsWith("```", StringComparison.Ordinal) || t.StartsWith("~~~", StringComparison.Ordinal);
    }
}
