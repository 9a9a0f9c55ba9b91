using System.Text.RegularExpressions;
using Dashboard.Data.Entities;

namespace Dashboard.Data.Timeline.Slack;

public enum SlackRowFlag { New, AlreadyImported }

/// <summary>A message proposed as a timeline event; <see cref="ThreadOf"/> is the ts of the message it replies to.</summary>
public sealed record SlackRow(string Ts, DateTime At, string Author, string Text, EventKind Kind, string? ThreadOf, SlackRowFlag Flag)
{
    public string SourceReference(string channel) => SlackImport.Reference(channel, Ts);
}

/// <summary>What the preview shows: the proposed rows (threads grouped under their first message) and what it skipped.</summary>
public sealed record SlackPreview(string Channel, DateTime From, DateTime To, IReadOnlyList<SlackRow> Rows, int JoinsAndLeaves, int Bots, int Edits, int OutsideWindow)
{
    public IReadOnlyList<SlackRow> New => [.. Rows.Where(r => r.Flag == SlackRowFlag.New)];
}

/// <summary>Turns one channel of a Slack export into proposed timeline events for a window of time.</summary>
public static partial class SlackImport
{
    /// <summary>How an imported message is recognised again: by channel and ts, so importing twice adds nothing.</summary>
    public static string Reference(string channel, string ts) => $"slack #{channel} {ts}";

    /// <summary>The channel whose name matches the incident's slug or one of its tags, if any.</summary>
    public static string? SuggestChannel(IReadOnlyList<string> channels, string slug, IEnumerable<string> tags)
    {
        var words = tags.Prepend(slug).Select(t => t.ToLowerInvariant()).ToList();
        return channels.FirstOrDefault(c => words.Contains(c.ToLowerInvariant()))
            ?? channels.FirstOrDefault(c => words.Any(w => c.Contains(w, StringComparison.OrdinalIgnoreCase) || w.Contains(c, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>
    /// The channel's messages with <c>ts</c> in [<paramref name="from"/>, <paramref name="to"/>) (UTC, from
    /// each message's own ts, not the day file's name), joins/leaves, bots and edits skipped and
    /// counted, text decoded, replies placed after their thread's first message, and messages already
    /// imported (<paramref name="imported"/> holds their references) flagged.
    /// </summary>
    public static SlackPreview Preview(SlackExport export, string channel, DateTime from, DateTime to, IReadOnlySet<string> imported)
    {
        var messages = export.Messages.GetValueOrDefault(channel) ?? [];
        int joins = 0, bots = 0, edits = 0, outside = 0;
        var kept = new List<SlackMessage>();
        foreach (var m in messages)
        {
            if (m.At < from || m.At >= to) { outside++; continue; }
            if (m.Subtype is "channel_join" or "channel_leave" or "group_join" or "group_leave") { joins++; continue; }
            if (m.IsBot) { bots++; continue; }
            if (m.Subtype is "message_changed" or "message_deleted") { edits++; continue; }
            if (string.IsNullOrWhiteSpace(m.Text)) continue;
            kept.Add(m);
        }
        var parents = kept.Where(m => m.ThreadTs is null || m.ThreadTs == m.Ts).OrderBy(m => m.At).ToList();
        var replies = kept.Where(m => m.ThreadTs is not null && m.ThreadTs != m.Ts).ToLookup(m => m.ThreadTs!);
        var ordered = new List<SlackMessage>();
        foreach (var p in parents)
        {
            ordered.Add(p);
            ordered.AddRange(replies[p.Ts].OrderBy(r => r.At));
        }
        // Replies whose first message lies outside the window still belong to the incident.
        var placed = ordered.Select(m => m.Ts).ToHashSet();
        ordered.AddRange(kept.Where(m => !placed.Contains(m.Ts)).OrderBy(m => m.At));

        var rows = ordered.Select(m =>
        {
            var text = Decode(m.Text!, export.UserNames);
            var reply = m.ThreadTs is not null && m.ThreadTs != m.Ts;
            var author = m.User is { } u ? export.UserNames.GetValueOrDefault(u, u) : "unknown";
            return new SlackRow(m.Ts, m.At, author, Limit(text), ChatLogParser.GuessKind(text), reply ? m.ThreadTs : null,
                imported.Contains(Reference(channel, m.Ts)) ? SlackRowFlag.AlreadyImported : SlackRowFlag.New);
        }).ToList();
        return new SlackPreview(channel, from, to, rows, joins, bots, edits, outside);
    }

    /// <summary>Slack's markup in plain words: mentions by name, links as "label (url)", channels, and the three escaped characters.</summary>
    public static string Decode(string text, IReadOnlyDictionary<string, string> users)
    {
        var decoded = Token().Replace(text, m =>
        {
            var body = m.Groups[1].Value;
            var (target, label) = body.IndexOf('|') is var bar and >= 0 ? (body[..bar], body[(bar + 1)..]) : (body, null);
            if (target.StartsWith('@')) return "@" + (label ?? users.GetValueOrDefault(target[1..], target[1..]));
            if (target.StartsWith('#')) return "#" + (label ?? target[1..]);
            if (target.StartsWith('!')) return "@" + (label ?? target[1..].Split('^')[0]);
            return label is null || label == target ? target : $"{label} ({target})";
        });
        return decoded.Replace("&lt;", "<").Replace("&gt;", ">").Replace("&amp;", "&");
    }

    private static string Limit(string text) => text.Length <= Limits.EventTextLength ? text : text[..(Limits.EventTextLength - 1)] + "…";

    [GeneratedRegex("<([^<>]+)>")]
    private static partial Regex Token();
}
