using System.IO.Compression;
using System.Text.Json;

namespace Dashboard.Data.Timeline.Slack;

public sealed record SlackChannel(string Id, string Name);

/// <summary>One message as the export holds it; <see cref="Ts"/> is Slack's "seconds.micros" id, unique within a channel.</summary>
public sealed record SlackMessage(string ChannelId, string Ts, DateTime At, string? User, string? Text, string? Subtype,
    string? ThreadTs, bool IsBot, IReadOnlyList<string> Files);

/// <summary>A refused export: the whole ZIP is rejected, and <see cref="Exception.Message"/> says what and where.</summary>
public sealed class SlackExportException(string message) : Exception(message);

/// <summary>
/// A Slack workspace export (the ZIP of <c>channels.json</c>, <c>users.json</c> and one folder per
/// channel with a <c>YYYY-MM-DD.json</c> per day), read whole and checked before anything is
/// proposed. The ZIP is untrusted: unsafe entry names, too many entries, too many unpacked bytes
/// (counted while reading, not trusted from the headers), an oversized day file or malformed JSON
/// refuse the whole export.
/// </summary>
public sealed class SlackExport
{
    private SlackExport(IReadOnlyList<SlackChannel> channels, IReadOnlyDictionary<string, string> users, IReadOnlyList<SlackMessage> messages) =>
        (Channels, Users, Messages) = (channels, users, messages);

    public IReadOnlyList<SlackChannel> Channels { get; }
    /// <summary>User id → the name shown for them (display name, else real name, else handle).</summary>
    public IReadOnlyDictionary<string, string> Users { get; }
    public IReadOnlyList<SlackMessage> Messages { get; }

    public static SlackExport Read(Stream zip)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw new SlackExportException("This is not a ZIP file. Upload the export exactly as Slack made it.");
        }
        using (archive)
        {
            if (archive.Entries.Count > Limits.SlackZipEntries)
                throw new SlackExportException($"The export holds {archive.Entries.Count:N0} files; the limit is {Limits.SlackZipEntries:N0}.");
            foreach (var entry in archive.Entries) CheckName(entry.FullName);

            var budget = new Budget();
            var channels = ReadChannels(archive, budget);
            var users = ReadUsers(archive, budget);
            var byName = channels.ToDictionary(c => c.Name, c => c.Id, StringComparer.Ordinal);
            var messages = new List<SlackMessage>();
            foreach (var entry in archive.Entries.Where(e => e.FullName.Count(c => c == '/') == 1 && e.FullName.EndsWith(".json", StringComparison.Ordinal)))
            {
                var folder = entry.FullName[..entry.FullName.IndexOf('/')];
                if (!byName.TryGetValue(folder, out var channelId)) continue; // a folder channels.json does not list is not a channel
                if (entry.Length > Limits.SlackDayFileBytes)
                    throw new SlackExportException($"{entry.FullName} is {entry.Length / 1024:N0} KB; one day of one channel may be at most {Limits.SlackDayFileBytes / 1024:N0} KB.");
                using var doc = Parse(entry, budget, Limits.SlackDayFileBytes);
                if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new SlackExportException($"{entry.FullName} is not a list of messages.");
                var n = 0;
                foreach (var m in doc.RootElement.EnumerateArray())
                {
                    n++;
                    messages.Add(ReadMessage(m, channelId, $"{entry.FullName}, message {n}"));
                }
            }
            return new SlackExport(channels, users, messages);
        }
    }

    /// <summary>Entry names must stay inside the export: no "..", no absolute or drive paths, no backslashes.</summary>
    private static void CheckName(string name)
    {
        var unsafeName = name.Length == 0 || name.StartsWith('/') || name.Contains('\\') || name.Contains(':')
            || name.Split('/').Any(part => part == "..");
        if (unsafeName) throw new SlackExportException($"The export contains the unsafe file name \"{Shorten(name)}\"; it was refused whole.");
    }

    private static List<SlackChannel> ReadChannels(ZipArchive archive, Budget budget)
    {
        var entry = archive.GetEntry("channels.json") ?? throw new SlackExportException("channels.json is missing: is this a Slack workspace export?");
        using var doc = Parse(entry, budget, Limits.SlackDayFileBytes);
        if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new SlackExportException("channels.json is not a list of channels.");
        return [.. doc.RootElement.EnumerateArray().Select((c, i) =>
            new SlackChannel(Text(c, "id") ?? throw new SlackExportException($"channels.json, channel {i + 1}: no id."),
                Text(c, "name") ?? throw new SlackExportException($"channels.json, channel {i + 1}: no name.")))];
    }

    private static Dictionary<string, string> ReadUsers(ZipArchive archive, Budget budget)
    {
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        if (archive.GetEntry("users.json") is not { } entry) return users; // names then fall back to the ids
        using var doc = Parse(entry, budget, Limits.SlackDayFileBytes);
        if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new SlackExportException("users.json is not a list of users.");
        foreach (var u in doc.RootElement.EnumerateArray())
        {
            if (Text(u, "id") is not { } id) continue;
            var profile = u.TryGetProperty("profile", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            var name = (profile.ValueKind == JsonValueKind.Object ? Text(profile, "display_name") ?? Text(profile, "real_name") : null)
                       ?? Text(u, "real_name") ?? Text(u, "name") ?? id;
            users[id] = name;
        }
        return users;
    }

    private static SlackMessage ReadMessage(JsonElement m, string channelId, string where)
    {
        if (m.ValueKind != JsonValueKind.Object) throw new SlackExportException($"{where} is not a message object.");
        var ts = Text(m, "ts") ?? throw new SlackExportException($"{where} has no ts.");
        var at = SlackText.TimeOf(ts) ?? throw new SlackExportException($"{where}: ts \"{Shorten(ts)}\" is not a Slack timestamp.");
        var files = m.TryGetProperty("files", out var f) && f.ValueKind == JsonValueKind.Array
            ? [.. f.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Object ? Text(x, "name") ?? Text(x, "title") ?? "file" : "file")]
            : new List<string>();
        return new SlackMessage(channelId, ts, at, Text(m, "user"), Text(m, "text"), Text(m, "subtype"), Text(m, "thread_ts"),
            m.TryGetProperty("bot_id", out var bot) && bot.ValueKind == JsonValueKind.String, files);
    }

    private static JsonDocument Parse(ZipArchiveEntry entry, Budget budget, long limit)
    {
        using var raw = entry.Open();
        using var bounded = new BoundedStream(raw, Math.Min(limit, budget.Left), entry.FullName, budget);
        try
        {
            return JsonDocument.Parse(bounded, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            throw new SlackExportException($"{entry.FullName} is not valid JSON (line {(ex.LineNumber ?? 0) + 1}).");
        }
        catch (InvalidDataException)
        {
            throw new SlackExportException($"{entry.FullName} is damaged in the ZIP.");
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "…";

    /// <summary>Unpacked bytes left for the whole export.</summary>
    private sealed class Budget
    {
        public long Left { get; set; } = Limits.SlackUnpackedBytes;
    }

    /// <summary>Counts what is actually unpacked, since a ZIP's declared sizes can lie (zip bombs).</summary>
    private sealed class BoundedStream(Stream inner, long limit, string name, Budget budget) : Stream
    {
        private long _read;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            _read += n;
            budget.Left -= n;
            if (budget.Left < 0)
                throw new SlackExportException($"The export unpacks to more than {Limits.SlackUnpackedBytes / (1024 * 1024)} MB; it was refused whole.");
            if (_read > limit)
                throw new SlackExportException($"{name} unpacks to more than {limit / 1024:N0} KB; it was refused whole.");
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
