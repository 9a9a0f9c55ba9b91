using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace Dashboard.Data.Timeline.Slack;

/// <summary>One message of a Slack export, as read from a day file.</summary>
public sealed record SlackMessage(string Channel, string Ts, DateTime At, string? User, string? Text, string? Subtype, string? ThreadTs, bool IsBot, bool IsEdited);

/// <summary>A workspace export as far as the import needs it: channels, user names and each channel's messages.</summary>
public sealed record SlackExport(IReadOnlyList<string> Channels, IReadOnlyDictionary<string, string> UserNames, IReadOnlyDictionary<string, IReadOnlyList<SlackMessage>> Messages);

/// <summary>Limits on an untrusted export ZIP; anything past them refuses the whole file.</summary>
public sealed record SlackLimits(int MaxEntries = 20_000, long MaxUncompressedBytes = 200L * 1024 * 1024, long MaxDayFileBytes = 10L * 1024 * 1024)
{
    public static SlackLimits Default { get; } = new();
}

/// <summary>
/// Reads a Slack workspace export ZIP (channels.json, users.json, one folder per channel with a
/// YYYY-MM-DD.json per day). The ZIP is untrusted: entry names with ".." or absolute paths, too
/// many entries, too many uncompressed bytes (counted while inflating, not taken from the header),
/// a day file over its limit, or malformed JSON refuse it whole with a message naming the entry.
/// </summary>
public static class SlackExportReader
{
    public static (SlackExport? Export, string? Error) Read(Stream zip, SlackLimits? limits = null)
    {
        limits ??= SlackLimits.Default;
        try
        {
            using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
            if (archive.Entries.Count > limits.MaxEntries)
                return (null, $"the export has {archive.Entries.Count:N0} entries; the limit is {limits.MaxEntries:N0}");
            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            long total = 0;
            foreach (var entry in archive.Entries)
            {
                var name = entry.FullName.Replace('\\', '/');
                if (name.StartsWith('/') || name.Contains(':') || name.Split('/').Any(part => part == ".."))
                    return (null, $"entry '{entry.FullName}' has an unsafe name (absolute or with '..')");
                if (name.EndsWith('/')) continue; // a folder
                var isDay = name.Contains('/');
                var cap = isDay ? limits.MaxDayFileBytes : limits.MaxDayFileBytes * 4;
                var remaining = limits.MaxUncompressedBytes - total;
                var (bytes, error) = ReadCapped(entry, Math.Min(cap, remaining));
                if (bytes is null)
                    return (null, remaining < cap ? $"the export inflates past {limits.MaxUncompressedBytes / (1024 * 1024):N0} MB, its limit" : $"entry '{name}' {error}");
                total += bytes.Length;
                files[name] = bytes;
            }
            return Parse(files);
        }
        catch (InvalidDataException ex)
        {
            return (null, $"not a readable ZIP file ({ex.Message})");
        }
    }

    /// <summary>Inflates at most <paramref name="cap"/> bytes; a longer entry is refused, whatever its header claims.</summary>
    private static (byte[]? Bytes, string? Error) ReadCapped(ZipArchiveEntry entry, long cap)
    {
        using var input = entry.Open();
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (output.Length + read > cap) return (null, $"is larger than {cap / 1024:N0} KB uncompressed, its limit");
            output.Write(buffer, 0, read);
        }
        return (output.ToArray(), null);
    }

    private static (SlackExport? Export, string? Error) Parse(Dictionary<string, byte[]> files)
    {
        if (!files.TryGetValue("channels.json", out var channelsJson)) return (null, "channels.json is missing: this is not a Slack workspace export");
        var channels = new List<string>();
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        var messages = new Dictionary<string, IReadOnlyList<SlackMessage>>(StringComparer.Ordinal);
        try
        {
            using (var doc = JsonDocument.Parse(Utf8(channelsJson), Options))
                foreach (var c in doc.RootElement.EnumerateArray())
                    if (Str(c, "name") is { } name) channels.Add(name);
            if (files.TryGetValue("users.json", out var usersJson))
                using (var doc = JsonDocument.Parse(Utf8(usersJson), Options))
                    foreach (var u in doc.RootElement.EnumerateArray())
                        if (Str(u, "id") is { } id)
                            users[id] = u.TryGetProperty("profile", out var p) && Str(p, "display_name") is { Length: > 0 } display ? display
                                : Str(u, "real_name") ?? Str(u, "name") ?? id;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return (null, $"channels.json or users.json is not valid JSON ({ex.Message})");
        }
        foreach (var channel in channels)
        {
            var list = new List<SlackMessage>();
            foreach (var (name, bytes) in files.Where(f => f.Key.StartsWith(channel + "/", StringComparison.Ordinal) && f.Key.EndsWith(".json", StringComparison.Ordinal)).OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                try
                {
                    using var doc = JsonDocument.Parse(Utf8(bytes), Options);
                    foreach (var m in doc.RootElement.EnumerateArray())
                    {
                        var ts = Str(m, "ts");
                        if (ts is null || !TryTime(ts, out var at)) return (null, $"{name}: a message has no valid ts");
                        list.Add(new SlackMessage(channel, ts, at, Str(m, "user"), Str(m, "text"), Str(m, "subtype"), Str(m, "thread_ts"),
                            m.TryGetProperty("bot_id", out _) || Str(m, "subtype") == "bot_message", m.TryGetProperty("edited", out _)));
                    }
                }
                catch (Exception ex) when (ex is JsonException or InvalidOperationException)
                {
                    return (null, $"{name} is not valid JSON ({ex.Message})");
                }
            }
            messages[channel] = list;
        }
        return (new SlackExport(channels, users, messages), null);
    }

    /// <summary>The JSON without a UTF-8 byte-order mark, which some writers put first.</summary>
    private static ReadOnlyMemory<byte> Utf8(byte[] bytes) =>
        bytes is [0xEF, 0xBB, 0xBF, ..] ? bytes.AsMemory(3) : bytes.AsMemory();

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>Slack's ts is seconds since the Unix epoch with a microsecond suffix ("1763464080.123456"), in UTC.</summary>
    public static bool TryTime(string ts, out DateTime at)
    {
        at = default;
        if (!decimal.TryParse(ts, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) || seconds < 0 || seconds > 7_258_118_400m) return false;
        at = DateTime.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        return true;
    }
}
