namespace Dashboard.Ui.Kit;

/// <summary>
/// Finds, before Markdig sees the text, what would make it throw or run away: nesting deeper than
/// Markdig's own limit (it throws "depth limit exceeded"; each list level costs two of its levels),
/// pipe-table rows with absurd column counts, and documents too large to render on each pause.
/// The message names the line, so the writer can find it.
/// </summary>
public static class MarkdownGuard
{
    /// <summary>Lists and quotes nested deeper than this are refused; Markdig gives up near 50 list levels.</summary>
    public const int MaxNesting = 32;
    public const int MaxTableColumns = 128;
    /// <summary>Unclosed "[" on one line; a few hundred of them already cost Markdig noticeable time.</summary>
    public const int MaxOpenBrackets = 100;
    /// <summary>The expanded document (user text plus generated tables, see GeneratedSections) with room for its notices.</summary>
    public const int MaxLength = Limits.ExpandedMarkdownLength + 100_000;

    /// <summary>A short description of the first problem ("nesting deeper than 32 levels at line 4"), or null when the text is fine.</summary>
    public static string? FindProblem(string text)
    {
        if (text.Length > MaxLength)
            return $"the text is {text.Length:N0} characters long; at most {MaxLength:N0} can be rendered";
        var lineNumber = 0;
        var inFence = false;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```") || trimmed.StartsWith("~~~")) inFence = !inFence;
            if (inFence) continue;
            if (Nesting(line) > MaxNesting) return $"nesting deeper than {MaxNesting} levels at line {lineNumber}";
            if (line.Count('|') > MaxTableColumns) return $"a table row with more than {MaxTableColumns} columns at line {lineNumber}";
            if (OpenBrackets(line) > MaxOpenBrackets) return $"more than {MaxOpenBrackets} nested brackets at line {lineNumber}";
        }
        return null;
    }

    /// <summary>
    /// Container levels opened at the start of a line: each quote marker and list marker counts one,
    /// and indentation before a marker counts one level per two columns (a nested item is indented
    /// by at least its parent's marker width). Plain indented text is not nesting and is not counted.
    /// </summary>
    private static int Nesting(ReadOnlySpan<char> line)
    {
        var levels = 0;
        var i = 0;
        while (i < line.Length)
        {
            var indent = 0;
            while (i < line.Length && line[i] is ' ' or '\t') { indent += line[i] == '\t' ? 4 : 1; i++; }
            if (i >= line.Length) break;
            var marker = MarkerLength(line[i..]);
            if (marker == 0) break;
            levels += 1 + indent / 2;
            i += marker;
        }
        return levels;
    }

    /// <summary>Length of a quote marker (">"), a bullet ("-", "*", "+" then a space) or an ordered marker ("12." or "12)" then a space) at the start; 0 otherwise.</summary>
    private static int MarkerLength(ReadOnlySpan<char> s)
    {
        if (s[0] == '>') return 1;
        if (s[0] is '-' or '*' or '+') return s.Length == 1 || s[1] is ' ' or '\t' ? 1 : 0;
        var digits = 0;
        while (digits < s.Length && digits < 10 && char.IsAsciiDigit(s[digits])) digits++;
        if (digits == 0 || digits >= s.Length || s[digits] is not ('.' or ')')) return 0;
        return digits + 1 == s.Length || s[digits + 1] is ' ' or '\t' ? digits + 1 : 0;
    }

    private static int OpenBrackets(ReadOnlySpan<char> line)
    {
        int open = 0, max = 0;
        foreach (var c in line)
        {
            if (c == '[') max = Math.Max(max, ++open);
            else if (c == ']' && open > 0) open--;
        }
        return max;
    }
}
