using System.Globalization;
using System.Text.RegularExpressions;

namespace Dashboard.Data.Timeline;

/// <summary>Ok: the line becomes an event. Error: it is shown with its reason and not imported.</summary>
public enum ParsedLineStatus { Ok, Error }

/// <summary>
/// One non-blank line of a paste, as the bulk-import preview shows it. Ok lines carry the event
/// fields; Error lines carry only <see cref="Error"/>, a reason the person pasting can act on.
/// </summary>
/// <param name="LineNumber">
/// 1-based position in the pasted text, blank lines included, so it matches what the person sees in
/// the text box. 0 for an error about the paste as a whole.
/// </param>
/// <param name="Raw">The line as pasted, without its line break.</param>
public sealed record ParsedLine(
    int LineNumber, string Raw, ParsedLineStatus Status,
    DateTime? OccurredAt, EventKind? Kind, string? Author, string? Text, string? Error);

/// <summary>
/// Reads pasted chat logs and log lines into timeline events for the bulk-import preview.
/// Pure and deterministic: the same text and date always give the same lines, and nothing reads
/// the clock or the machine's culture or time zone, so the preview is exactly what gets imported.
/// </summary>
public static partial class ChatLogParser
{
    /// <summary>Most non-blank lines in one paste; a bigger paste is refused whole rather than cut short.</summary>
    public const int MaxLines = 5000;

    // A Slack header is a name and a time, so it is short: a longer line is a message, and skipping
    // the header pattern for it saves a scan of up to 4000 characters per line.
    private const int MaxHeaderLength = Limits.PersonLength + 16;

    // Beyond ±14:00 no zone exists, so a bigger offset is a typo rather than a time.
    private static readonly TimeSpan MaxOffset = TimeSpan.FromHours(14);

    // Times a line without a date may go backwards before we decide the log crossed midnight:
    // a little backwards is an out-of-order message, a lot is the next day (23:58 then 00:03).
    private static readonly TimeSpan RolloverThreshold = TimeSpan.FromHours(12);

    /// <summary>
    /// A time at the start of a line, optionally bracketed and optionally preceded by a date:
    /// 11:28, 11:28:05, 11:28 UTC, 11:28Z, [11:28], 2025-11-18 11:28, 2025-11-18T13:28:00+02:00.
    /// AM/PM is read when present so "11:28 PM text" is not taken for 11:28.
    /// </summary>
    [GeneratedRegex("""
        ^
        (?<open>\[)?
        (?:(?<date>\d{4}-\d{2}-\d{2})(?:T|\x20+))?
        (?<time>(?<h>\d{1,2}):(?<m>\d{2})(?::(?<s>\d{2})(?:\.\d{1,7})?)?)
        (?:\s?(?<ampm>[AP]M))?
        (?:Z|\s?UTC|(?<offset>[+-]\d{2}:?\d{2}))?
        (?(open)\])
        (?=\s|$)
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex Stamp();

    /// <summary>
    /// What follows the time: an optional "- " separator, then an optional chat handle ("alice: "),
    /// then the text. The handle is an author only when it looks like one, a single token of up to
    /// 32 characters: in "root cause: bad config" the words before the colon are part of the text.
    /// </summary>
    [GeneratedRegex(@"^(?:[-–—|]\s+)?(?:(?<author>[^\s:]{1,32}):(?:\s+|$))?(?<text>.*)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Body();

    /// <summary>
    /// A Slack-export header, "Alice Smith  11:28 AM": a name (words with single spaces, not starting
    /// with a digit or "[" so it can't be a timed line), a gap, and a 12-hour time. The gap must be two
    /// or more spaces or a tab (<see cref="IsHeaderGap"/>); checking that in code rather than in the
    /// pattern keeps the name and the gap from backtracking against each other on lines full of spaces.
    /// </summary>
    [GeneratedRegex(@"^(?<name>[^\s\d\[:][^\s:]*(?:\s[^\s:]+)*)(?<gap>\s+)(?<time>(?<h>\d{1,2}):(?<m>\d{2}))\s?(?<ampm>[AP]M)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SlackHeader();

    /// <summary>
    /// Parses <paramref name="text"/> into one <see cref="ParsedLine"/> per non-blank line, in order.
    /// Never throws on bad input: every problem is an Error line, so the preview can show them all at once.
    /// </summary>
    /// <param name="referenceDate">
    /// The incident's date (UTC), used for lines that have only a time. After a line with a date,
    /// time-only lines take that line's date instead, so a log that names its day is followed.
    /// </param>
    public static IReadOnlyList<ParsedLine> Parse(string text, DateOnly referenceDate)
    {
        ArgumentNullException.ThrowIfNull(text);

        var lines = new List<string>();
        using (var reader = new StringReader(text))
            for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
                lines.Add(line);

        var nonBlank = lines.Count(l => !string.IsNullOrWhiteSpace(l));
        if (nonBlank > MaxLines)
            return [Refused(0, "", $"the paste has {nonBlank} non-blank lines and the limit is {MaxLines}")];

        var results = new List<ParsedLine>(nonBlank);
        var clock = new Clock(referenceDate);
        SlackBlock? block = null;

        for (var i = 0; i < lines.Count; i++)
        {
            var raw = lines[i];
            var line = raw.Trim();
            var number = i + 1;
            if (line.Length == 0) continue;

            var header = line.Length <= MaxHeaderLength ? SlackHeader().Match(line) : Match.Empty;
            var name = header.Groups["name"].Value;
            if (header.Success && IsHeaderGap(header.Groups["gap"].Value) && name.Length <= Limits.PersonLength)
            {
                if (TryReadTime(header, out var time, out var error))
                    block = new SlackBlock(number, name, clock.AtTime(time, TimeSpan.Zero));
                else
                {
                    // Keep the block open, so its messages say what is wrong instead of "no time".
                    block = new SlackBlock(number, name, null);
                    results.Add(Refused(number, raw, error));
                }
                continue;
            }

            // Inside a Slack block every line is a message until the next header, even one that starts
            // with a time: Slack messages often do ("14:00 next update"), and the header already gave the time.
            if (block is not null)
            {
                results.Add(
                    block.At is not { } at ? Refused(number, raw, $"the Slack header on line {block.Line} has no valid time")
                    : line.Length > Limits.EventTextLength ? Refused(number, raw, TooLong)
                    : Event(number, raw, at, block.Author, line));
                continue;
            }

            results.Add(ParseTimedLine(number, raw, line, clock));
        }
        return results;
    }

    /// <summary>
    /// Guesses an event's kind from its text, so a pasted log arrives pre-sorted and people only fix
    /// the misses. Keywords are case-insensitive and start at a word boundary ("unresolved" is not
    /// "resolved"); they also match with a plain -s/-es/-d/-ed/-ing ending ("alerts", "restarted").
    /// Stems marked * match any ending ("mitigat*" finds mitigated and mitigation). The first kind in
    /// priority order wins: a line saying "rolled back, resolved" is the resolution.
    /// </summary>
    public static EventKind GuessKind(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return EventKind.Note;
        foreach (var (kind, pattern) in KindRules)
            if (pattern.IsMatch(text)) return kind;
        return EventKind.Note;
    }

    private static readonly (EventKind Kind, Regex Pattern)[] KindRules =
    [
        Rule(EventKind.Resolution, "resolved", "all clear", "incident closed", "impact ended"),
        Rule(EventKind.Recovery, "recovered", "recovering", "back to normal", "restored"),
        Rule(EventKind.Mitigation, "rollback", "rolled back", "rolling back", "revert", "mitigat*", "bypass", "failover", "disabled", "throttl*", "restart"),
        Rule(EventKind.Detection, "alert", "paged", "detected", "pagerduty", "monitor fired"),
        Rule(EventKind.Escalation, "escalat*", "incident call", "declared", "sev1", "sev 1", "war room"),
        Rule(EventKind.Communication, "status page", "statuspage", "customers notified", "tweet", "announce"),
        Rule(EventKind.Investigation, "investigat*", "looking into", "checking", "suspect", "root cause", "why"),
        Rule(EventKind.Trigger, "deploy", "deployed", "change", "config push", "rolled out", "release"),
    ];

    private static (EventKind, Regex) Rule(EventKind kind, params string[] keywords)
    {
        var alternatives = keywords.Select(k =>
        {
            var stem = k.EndsWith('*');
            // Any run of whitespace between the words of a phrase: pasted text is rarely tidy.
            var phrase = string.Join(@"\s+", k.TrimEnd('*').Split(' ').Select(Regex.Escape));
            return stem ? $@"\b{phrase}" : $@"\b{phrase}(?:s|es|d|ed|ing)?\b";
        });
        return (kind, new Regex(string.Join('|', alternatives), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled));
    }

    private static ParsedLine ParseTimedLine(int number, string raw, string line, Clock clock)
    {
        var stamp = Stamp().Match(line);
        if (!stamp.Success) return Refused(number, raw, "no time at the start of the line");

        DateOnly? date = null;
        if (stamp.Groups["date"] is { Success: true } dateGroup)
        {
            if (!DateOnly.TryParseExact(dateGroup.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                return Refused(number, raw, $"{dateGroup.Value} is not a valid date");
            // Keeps the arithmetic below (offsets, the midnight rollover) far from DateTime's limits.
            if (d.Year is < 1900 or > 2999)
                return Refused(number, raw, $"{dateGroup.Value} is outside the years 1900 to 2999");
            date = d;
        }

        if (!TryReadTime(stamp, out var time, out var timeError)) return Refused(number, raw, timeError);

        var offset = TimeSpan.Zero;
        if (stamp.Groups["offset"] is { Success: true } offsetGroup)
        {
            var digits = offsetGroup.Value.Replace(":", "");
            var hours = int.Parse(digits.AsSpan(1, 2), CultureInfo.InvariantCulture);
            var minutes = int.Parse(digits.AsSpan(3, 2), CultureInfo.InvariantCulture);
            offset = new TimeSpan(hours, minutes, 0) * (digits[0] == '-' ? -1 : 1);
            if (minutes > 59 || offset.Duration() > MaxOffset)
                return Refused(number, raw, $"{offsetGroup.Value} is not a valid UTC offset");
        }

        var rest = line[stamp.Length..].Trim();
        if (rest.Length == 0) return Refused(number, raw, "text is empty after the time");

        var body = Body().Match(rest);
        var author = body.Groups["author"] is { Success: true } a ? a.Value : null;
        var message = body.Groups["text"].Value.Trim();
        if (message.Length == 0)
            return Refused(number, raw, author is null ? "text is empty after the time" : $"text is empty after the author {author}");
        if (message.Length > Limits.EventTextLength)
            return Refused(number, raw, TooLong);

        // The clock moves only for lines that become events, so a refused line can't shift the dates of the rest.
        var at = date is { } day ? clock.AtDate(day, time, offset) : clock.AtTime(time, offset);
        return Event(number, raw, at, author, message);
    }

    // One space is how a sentence reads ("call at 11:28 AM"); Slack puts two or more, or a tab, after the name.
    private static bool IsHeaderGap(string gap) => gap.Length >= 2 || gap.Contains('\t');

    /// <summary>Reads the h, m, s and ampm groups; 12 AM is 00 and 12 PM is 12, as on any clock.</summary>
    private static bool TryReadTime(Match match, out TimeOnly time, out string error)
    {
        time = default;
        error = "";
        var hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        var second = match.Groups["s"].Success ? int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        var ampm = match.Groups["ampm"];

        var hourValid = ampm.Success ? hour is >= 1 and <= 12 : hour <= 23;
        if (!hourValid || minute > 59 || second > 59)
        {
            var written = match.Groups["time"].Value + (ampm.Success ? " " + ampm.Value.ToUpperInvariant() : "");
            error = $"{written} is not a valid time";
            return false;
        }
        if (ampm.Success)
            hour = hour % 12 + (char.ToUpperInvariant(ampm.Value[0]) == 'P' ? 12 : 0);
        time = new TimeOnly(hour, minute, second);
        return true;
    }

    private static readonly string TooLong = $"text is longer than {Limits.EventTextLength} characters";

    private static ParsedLine Event(int number, string raw, DateTime at, string? author, string text) =>
        new(number, raw, ParsedLineStatus.Ok, at, GuessKind(text), author, text, null);

    private static ParsedLine Refused(int number, string raw, string error) =>
        new(number, raw, ParsedLineStatus.Error, null, null, null, null, error);

    /// <summary>The author and time a Slack header gives to the message lines under it; no time if the header's was invalid.</summary>
    private sealed record SlackBlock(int Line, string Author, DateTime? At);

    /// <summary>
    /// The date that time-only lines fall on. It follows the log: a dated line moves it to that date,
    /// and a time-only line more than 12 hours before the previous event moves it to the next day.
    /// </summary>
    private sealed class Clock(DateOnly referenceDate)
    {
        private DateOnly _day = referenceDate;
        private DateTime? _previous;

        public DateTime AtDate(DateOnly date, TimeOnly time, TimeSpan offset)
        {
            var utc = date.ToDateTime(time, DateTimeKind.Utc) - offset;
            _day = DateOnly.FromDateTime(utc);
            _previous = utc;
            return utc;
        }

        public DateTime AtTime(TimeOnly time, TimeSpan offset)
        {
            var utc = _day.ToDateTime(time, DateTimeKind.Utc) - offset;
            if (_previous is { } previous && previous - utc > RolloverThreshold)
            {
                utc = utc.AddDays(1);
                _day = _day.AddDays(1);
            }
            _previous = utc;
            return utc;
        }
    }
}
