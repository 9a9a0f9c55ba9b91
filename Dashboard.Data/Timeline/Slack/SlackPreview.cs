namespace Dashboard.Data.Timeline.Slack;

/// <summary>A message proposed as an event. <see cref="Key"/> ("slack:C…:ts") is kept on the event, so importing twice adds nothing.</summary>
public sealed record SlackRow(string Key, DateTime At, string Author, string Text, EventKind Kind, bool IsReply, bool AlreadyImported);

/// <summary>What a channel and window of an export would add, and what was left out and why.</summary>
public sealed record SlackPreview(IReadOnlyList<SlackRow> Rows, int JoinsAndLeaves, int Bots, int Edits, int OutsideWindow)
{
    public const string KeyPrefix = "slack:";

    public int NewCount => Rows.Count(r => !r.AlreadyImported);
    public int ImportedCount => Rows.Count(r => r.AlreadyImported);

    /// <summary>The messages looked at: from the incident's first recorded phase (else when it was recorded) to its resolution (else now), widened by a margin.</summary>
    public static (DateTime From, DateTime To) Window(PhaseTimes phases, DateTime recordedAt, DateTime now, int marginMinutes)
    {
        var start = phases.InOrder.OfType<DateTime>().DefaultIfEmpty(recordedAt).Min();
        return (start.AddMinutes(-marginMinutes), phases.OpenWindowEnd(now).AddMinutes(marginMinutes));
    }

    /// <summary>
    /// The channel's messages whose own time (not the day file's name) falls in [from, to], as events:
    /// each thread's parent first and its replies after it, joins, leaves, bots and edits skipped.
    /// </summary>
    public static SlackPreview Build(SlackExport export, string channelId, DateTime from, DateTime to, IReadOnlySet<string> imported)
    {
        int joins = 0, bots = 0, edits = 0, outside = 0;
        var kept = new List<SlackMessage>();
        foreach (var m in export.Messages.Where(m => m.ChannelId == channelId))
        {
            if (m.Subtype is "channel_join" or "channel_leave" or "group_join" or "group_leave") joins++;
            else if (m.IsBot || m.Subtype is "bot_message") bots++;
            else if (m.Subtype is "message_changed" or "message_deleted" or "message_replied") edits++;
            else if (m.At < from || m.At > to) outside++;
            else kept.Add(m);
        }
        // Replies follow their parent; a reply whose parent is outside the window still shows, in time order.
        var parents = kept.Where(m => m.ThreadTs is null || m.ThreadTs == m.Ts).OrderBy(m => m.At).ThenBy(m => m.Ts, StringComparer.Ordinal).ToList();
        var replies = kept.Where(m => m.ThreadTs is not null && m.ThreadTs != m.Ts).ToLookup(m => m.ThreadTs!);
        var ordered = new List<(SlackMessage Message, bool IsReply)>();
        foreach (var p in parents)
        {
            ordered.Add((p, false));
            ordered.AddRange(replies[p.Ts].OrderBy(r => r.At).Select(r => (r, true)));
        }
        var parentTs = parents.Select(p => p.Ts).ToHashSet();
        ordered.AddRange(kept.Where(m => m.ThreadTs is { } t && t != m.Ts && !parentTs.Contains(t)).OrderBy(m => m.At).Select(m => (m, true)));

        var rows = ordered.Select(x =>
        {
            var text = SlackText.Decode(x.Message.Text ?? "", export.Users).Trim();
            if (x.Message.Files.Count > 0) text = (text + " " + string.Join(" ", x.Message.Files.Select(f => $"[file: {f}]"))).Trim();
            if (x.IsReply) text = "↳ " + text;
            if (text.Length > Limits.EventTextLength) text = text[..(Limits.EventTextLength - 1)] + "…";
            var author = x.Message.User is { } u ? export.Users.GetValueOrDefault(u, u) : "unknown";
            var key = $"{KeyPrefix}{channelId}:{x.Message.Ts}";
            return new SlackRow(key, x.Message.At, author, text, ChatLogParser.GuessKind(text), x.IsReply, imported.Contains(key));
        }).Where(r => r.Text.Length > 0).ToList();
        return new SlackPreview(rows, joins, bots, edits, outside);
    }

    /// <summary>The channel named like the incident: one of its tags, or a name the slug contains (or that contains the slug).</summary>
    public static SlackChannel? Suggest(IEnumerable<SlackChannel> channels, string slug, IEnumerable<string> tags)
    {
        var list = channels.ToList();
        var tagSet = tags.Select(t => t.Trim().ToLowerInvariant()).ToHashSet();
        return list.FirstOrDefault(c => tagSet.Contains(c.Name.ToLowerInvariant()))
            ?? list.FirstOrDefault(c => c.Name.Length >= 4 && (slug.Contains(c.Name, StringComparison.OrdinalIgnoreCase) || c.Name.Contains(slug, StringComparison.OrdinalIgnoreCase)));
    }
}
