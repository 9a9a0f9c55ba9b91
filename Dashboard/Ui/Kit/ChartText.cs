namespace Dashboard.Ui.Kit;

/// <summary>Text drawn inside charts.</summary>
public static class ChartText
{
    /// <summary>A time as Plotly reads a date axis value (already in the viewer's zone).</summary>
    public static string Iso(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A label broken into lines of about <paramref name="width"/> characters at spaces, with Plotly's
    /// &lt;br&gt;. Plotly never wraps a label itself: long ones overlap their neighbours in the graph,
    /// and take the lanes' width on a phone.
    /// </summary>
    public static string Wrap(string label, int width = 18)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in label.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line);
                line = word;
            }
            else line = line.Length == 0 ? word : $"{line} {word}";
        }
        if (line.Length > 0) lines.Add(line);
        return string.Join("<br>", lines.Select(Escape));
    }

    // Plotly renders labels and hover text as a small subset of HTML: escape user text so it stays text.
    public static string Escape(string text) => System.Net.WebUtility.HtmlEncode(text);
}
