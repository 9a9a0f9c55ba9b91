using System.IO.Compression;
using System.Text;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// A Slack workspace export as Slack writes it (channels.json, users.json, one folder per channel
/// with a YYYY-MM-DD.json per day), built in memory for tests; <see cref="Realistic"/> holds an
/// incident channel on 18 November 2025 with a thread, mentions, links, joins, a bot and an edit.
/// </summary>
public sealed class SlackExportBuilder
{
    private readonly List<(string Name, byte[] Content)> _entries = [];

    public SlackExportBuilder Add(string name, string content) => Add(name, Encoding.UTF8.GetBytes(content));

    public SlackExportBuilder Add(string name, byte[] content)
    {
        _entries.Add((name, content));
        return this;
    }

    public byte[] Build()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in _entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>Seconds since 1970 of a UTC time on 18 November 2025, as Slack's ts text.</summary>
    public static string Ts(int hour, int minute, int micros = 100) =>
        $"{new DateTimeOffset(2025, 11, 18, hour, minute, 0, TimeSpan.Zero).ToUnixTimeSeconds()}.{micros:D6}";

    private static string TsNextDay(int hour, int minute) =>
        $"{new DateTimeOffset(2025, 11, 19, hour, minute, 0, TimeSpan.Zero).ToUnixTimeSeconds()}.000100";

    public static SlackExportBuilder Realistic() => new SlackExportBuilder()
        .Add("channels.json", """[{"id":"C01","name":"inc-cloudflare-bot-management"},{"id":"C02","name":"random"}]""")
        .Add("users.json", """
            [{"id":"U1","name":"alice","real_name":"Alice Smith","profile":{"display_name":"alice.s","real_name":"Alice Smith"}},
             {"id":"U2","name":"bob","profile":{"display_name":"","real_name":"Bob Jones"}}]
            """)
        .Add("inc-cloudflare-bot-management/2025-11-18.json", $$"""
            [
              {"type":"message","subtype":"channel_join","user":"U2","text":"<@U2> has joined the channel","ts":"{{Ts(11, 29)}}"},
              {"type":"message","user":"U1","text":"Seeing 5xx spike on the edge, paging <@U2>","ts":"{{Ts(11, 31)}}","thread_ts":"{{Ts(11, 31)}}"},
              {"type":"message","user":"U2","text":"Acknowledged, looking &amp; digging: <https://status.example.com/x|status page>","ts":"{{Ts(11, 35)}}","thread_ts":"{{Ts(11, 31)}}","parent_user_id":"U1"},
              {"type":"message","subtype":"bot_message","bot_id":"B1","text":"Alert: error rate &gt; 5%","ts":"{{Ts(11, 36)}}"},
              {"type":"message","subtype":"message_changed","ts":"{{Ts(11, 37)}}","message":{"text":"edited"} },
              {"type":"message","user":"U1","text":"Rolled back the feature file, mitigated","ts":"{{Ts(14, 30)}}","files":[{"name":"graph.png"}]},
              {"type":"message","user":"U1","text":"Written in this day's file after midnight UTC","ts":"{{TsNextDay(0, 30)}}"}
            ]
            """)
        .Add("inc-cloudflare-bot-management/2025-11-17.json", $$"""
            [{"type":"message","user":"U1","text":"Unrelated chatter the day before","ts":"{{new DateTimeOffset(2025, 11, 17, 9, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds()}}.000100"}]
            """)
        .Add("random/2025-11-18.json", $$"""[{"type":"message","user":"U2","text":"lunch?","ts":"{{Ts(12, 0)}}"}]""");
}
