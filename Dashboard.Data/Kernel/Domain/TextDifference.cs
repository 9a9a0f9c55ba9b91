namespace Dashboard.Data.Kernel;

/// <summary>
/// Where two versions of a document differ: the lines they share at the start and the end are cut
/// away, leaving the changed block of each side. Enough to see what someone else changed in a
/// long postmortem without reading both copies in full, and linear in the document's length.
/// </summary>
public sealed record TextDifference(int FirstLine, IReadOnlyList<string> Mine, IReadOnlyList<string> Theirs)
{
    public bool Same => Mine.Count == 0 && Theirs.Count == 0;

    public static TextDifference Between(string? mine, string? theirs)
    {
        var a = Lines(mine);
        var b = Lines(theirs);
        var start = 0;
        while (start < a.Length && start < b.Length && a[start] == b[start]) start++;
        var end = 0;
        while (end < a.Length - start && end < b.Length - start && a[^(end + 1)] == b[^(end + 1)]) end++;
        return new TextDifference(start + 1, a[start..(a.Length - end)], b[start..(b.Length - end)]);
    }

    private static string[] Lines(string? text) => string.IsNullOrEmpty(text) ? [] : text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
}
