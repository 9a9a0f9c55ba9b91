using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Dashboard.Data.Timeline.Slack;

/// <summary>Slack's message markup turned into plain text for the timeline.</summary>
public static partial class SlackText
{
    /// <summary>"1700000000.000100" → that moment in UTC; null when it is not a Slack timestamp.</summary>
    public static DateTime? TimeOf(string ts)
    {
        if (!decimal.TryParse(ts, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)) return null;
        if (seconds < 0 || seconds > 253_402_300_799m) return null; // DateTime's range
        var whole = (long)decimal.Truncate(seconds);
        var micros = (long)((seconds - whole) * 1_000_000m);
        return DateTime.UnixEpoch.AddSeconds(whole).AddTicks(micros * 10);
    }

    /// <summary>
    /// Mentions (&lt;@U1&gt;, &lt;@U1|name&gt;), channels (&lt;#C1|general&gt;), specials (&lt;!here&gt;)
    /// and links (&lt;https://x|label&gt;) become readable text; Slack's three escapes are undone last,
    /// so escaped text is never read as markup.
    /// </summary>
    public static string Decode(string text, IReadOnlyDictionary<string, string> users)
    {
        var decoded = Markup().Replace(text, m =>
        {
            var body = m.Groups["body"].Value;
            var bar = body.IndexOf('|');
            var (target, label) = bar < 0 ? (body, null) : (body[..bar], body[(bar + 1)..]);
            return target[0] switch
            {
                '@' => "@" + (users.TryGetValue(target[1..], out var name) ? name : label ?? target[1..]),
                '#' => "#" + (label ?? target[1..]),
                '!' => "@" + (label ?? target[1..].Split('^')[0]),
                _ => label is null || label == target ? target : $"{label} ({target})",
            };
        });
        return decoded.Replace("&lt;", "<").Replace("&gt;", ">").Replace("&amp;", "&");
    }

    [GeneratedRegex(@"<(?<body>[^<>\s][^<>]{0,2000})>", RegexOptions.CultureInvariant)]
    private static partial Regex Markup();
}
