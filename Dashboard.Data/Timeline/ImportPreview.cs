namespace Dashboard.Data.Timeline;

public enum ImportFlag { New, DuplicateOfExisting, DuplicateInPaste, Error }

public sealed record ImportRow(int LineNumber, string Raw, DateTime? OccurredAt, EventKind Kind, string? Author, string? Text, ImportFlag Flag, string? Message);

/// <summary>
/// The preview of a paste: every line parsed, flagged as new, duplicate (of the timeline or of an
/// earlier line in the paste) or error. Nothing is written until the new rows are committed.
/// </summary>
public sealed record ImportPreview(IReadOnlyList<ImportRow> Rows)
{
    public IReadOnlyList<ImportRow> Importable => [.. Rows.Where(r => r.Flag == ImportFlag.New)];

    public int CountOf(ImportFlag flag) => Rows.Count(r => r.Flag == flag);

    public static ImportPreview Build(string pasted, TimelineContext context)
    {
        var existing = context.Events.Select(e => Key(e.At, e.Text)).ToHashSet();
        var seen = new Dictionary<(DateTime, string), int>();
        var rows = new List<ImportRow>();
        foreach (var line in ChatLogParser.Parse(pasted, context.ReferenceDate))
        {
            if (line.Status == ParsedLineStatus.Error || line.OccurredAt is not { } at || line.Text is not { } text)
            {
                rows.Add(new ImportRow(line.LineNumber, line.Raw, line.OccurredAt, line.Kind ?? EventKind.Note, line.Author, line.Text, ImportFlag.Error, line.Error));
                continue;
            }
            var key = Key(at, text);
            var kind = line.Kind ?? EventKind.Note;
            if (existing.Contains(key))
                rows.Add(new ImportRow(line.LineNumber, line.Raw, at, kind, line.Author, text, ImportFlag.DuplicateOfExisting, $"already on the timeline at {UtcTime.Format(at)}"));
            else if (seen.TryGetValue(key, out var first))
                rows.Add(new ImportRow(line.LineNumber, line.Raw, at, kind, line.Author, text, ImportFlag.DuplicateInPaste, $"same as line {first}"));
            else
            {
                seen[key] = line.LineNumber;
                rows.Add(new ImportRow(line.LineNumber, line.Raw, at, kind, line.Author, text, ImportFlag.New, null));
            }
        }
        return new ImportPreview(rows);
    }

    // Same minute and same text (ignoring case and surrounding space) is the same event.
    private static (DateTime, string) Key(DateTime at, string text) =>
        (new DateTime(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, DateTimeKind.Utc), text.Trim().ToLowerInvariant());
}
