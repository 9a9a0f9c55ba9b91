using System.Text.RegularExpressions;

namespace Dashboard.Data.Postmortems;

/// <summary>The postmortem settings (section "Postmortems").</summary>
public sealed class PostmortemOptions
{
    public const string Section = "Postmortems";

    /// <summary>
    /// Counterfactual and blame wording the hindsight check flags. An array, not a list: configuration
    /// binding replaces an array, while it would append to a list's defaults. Null keeps <see cref="HindsightWording.DefaultPhrases"/>.
    /// </summary>
    public string[]? HindsightPhrases { get; set; }

    public IReadOnlyList<string> Phrases => HindsightPhrases is { Length: > 0 } p ? p : HindsightWording.DefaultPhrases;
}

/// <summary>One flagged use: the 1-based line, the phrase as written, and the line's text around it.</summary>
public sealed record HindsightFinding(int Line, string Phrase, string Excerpt);

/// <summary>
/// Finds counterfactual and blame wording ("should have", "human error", "simply"): it judges people
/// by what became clear only afterwards, and a reader learns more from what they saw and did at the
/// time. Quoted material (block quotes), code (fenced blocks and inline spans), HTML comments and the
/// template's own hints are left alone: they are someone else's words, not the author's judgement.
/// </summary>
public static class HindsightWording
{
    /// <summary>The issue's list with the usual forms written out, so the settings show exactly what is matched.</summary>
    public static readonly IReadOnlyList<string> DefaultPhrases =
    [
        "should have", "should've", "shouldn't have", "should not have",
        "could have", "could've", "couldn't have", "could not have",
        "failed to", "fail to", "fails to", "failing to",
        "human error", "human errors",
        "simply", "just",
        "careless", "carelessly", "carelessness",
    ];

    private static readonly Regex InlineCode = new("`+[^`]*`+", RegexOptions.Compiled);
    private static readonly Regex Comment = new("<!--.*?-->", RegexOptions.Compiled);

    public static IReadOnlyList<HindsightFinding> Find(string? markdown, IReadOnlyList<string> phrases)
    {
        var findings = new List<HindsightFinding>();
        if (string.IsNullOrEmpty(markdown) || phrases.Count == 0) return findings;
        var pattern = Pattern(phrases);
        var inFence = false;
        var inComment = false;
        var number = 0;
        foreach (var raw in markdown.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (PostmortemSections.IsFence(line)) { inFence = !inFence; continue; }
            if (inFence || IsQuote(line) || PostmortemTemplate.IsHint(line)) continue;
            // Comments and inline code are blanked out, not removed, so a match's position is its place in the line.
            var text = Blank(Comment, line);
            if (inComment)
            {
                var end = text.IndexOf("-->", StringComparison.Ordinal);
                if (end < 0) continue;
                inComment = false;
                text = new string(' ', end + 3) + text[(end + 3)..];
            }
            var open = text.IndexOf("<!--", StringComparison.Ordinal);
            if (open >= 0) { inComment = true; text = text[..open]; }
            // Curly apostrophes are matched as straight ones.
            text = Blank(InlineCode, text.Replace('\u2019', '\''));
            foreach (Match m in pattern.Matches(text))
                findings.Add(new HindsightFinding(number, line.Substring(m.Index, m.Length), Excerpt(line, m.Index, m.Length)));
        }
        return findings;
    }

    private static string Blank(Regex what, string text) => what.Replace(text, m => new string(' ', m.Length));

    /// <summary>A block quote: "&gt;" after at most three spaces (Markdown's rule).</summary>
    private static bool IsQuote(string line)
    {
        var t = line.TrimStart(' ');
        return line.Length - t.Length <= 3 && t.StartsWith('>');
    }

    /// <summary>
    /// Whole words only, and a hyphen or apostrophe counts as part of a word: "just-in-time" and
    /// "justify" do not match "just". Spaces inside a phrase match any run of spaces.
    /// </summary>
    private static Regex Pattern(IReadOnlyList<string> phrases)
    {
        var alternatives = phrases.Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => p.Trim().Replace('\u2019', '\''))
            .OrderByDescending(p => p.Length) // "should have" before "should", so the longer form is reported
            .Select(p => string.Join(@"\s+", p.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape)));
        return new Regex(@"(?<![\w'\-])(?:" + string.Join("|", alternatives) + @")(?![\w'\-])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private static string Excerpt(string line, int index, int length)
    {
        var from = Math.Max(0, index - 30);
        var to = Math.Min(line.Length, index + length + 30);
        return (from > 0 ? "…" : "") + line[from..to].Trim() + (to < line.Length ? "…" : "");
    }
}
