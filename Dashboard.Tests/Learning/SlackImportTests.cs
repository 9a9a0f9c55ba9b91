using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Data.Door;
using Dashboard.Data.Entities;
using Dashboard.Data.Timeline.Slack;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Learning;

/// <summary>A realistic Slack export built here: two days of #inc-bot-management around midnight UTC, threads, mentions, joins, a bot and an edit.</summary>
public sealed class SlackImportTests : IAsyncLifetime
{
    private const string Slug = "2025-11-18-cloudflare-bot-management";
    private static readonly DateTime Day = new(2025, 11, 18, 0, 0, 0, DateTimeKind.Utc);
    private TestServices _app = default!;

    public async Task InitializeAsync() => _app = await TestServices.CreateAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Ts(DateTime at, int micro = 0) => $"{new DateTimeOffset(at).ToUnixTimeSeconds()}.{micro:D6}";

    private static JsonObject Msg(DateTime at, string user, string text, string? subtype = null, DateTime? thread = null, bool bot = false, int micro = 0)
    {
        var m = new JsonObject { ["type"] = "message", ["ts"] = Ts(at, micro), ["user"] = user, ["text"] = text };
        if (subtype is not null) m["subtype"] = subtype;
        if (thread is { } t) m["thread_ts"] = Ts(t);
        if (bot) m["bot_id"] = "B1";
        m["files"] = new JsonArray();
        return m;
    }

    /// <summary>The export as Slack writes it; the day file names are in the workspace's zone, so a message can sit in "the wrong" file.</summary>
    public static byte[] Export(Action<Dictionary<string, string>>? change = null, DateTime? day = null, string channel = "inc-bot-management")
    {
        var d = day ?? Day;
        var files = new Dictionary<string, string>
        {
            ["channels.json"] = $$"""[{"id":"C1","name":"{{channel}}"},{"id":"C2","name":"random"}]""",
            ["users.json"] = """[{"id":"U1","name":"kim","real_name":"Kim Lee","profile":{"display_name":"kim"}},{"id":"U2","name":"ana","real_name":"Ana Ruiz","profile":{"display_name":""}}]""",
            [$"{channel}/{d:yyyy-MM-dd}.json"] = new JsonArray(
                Msg(d.AddHours(11).AddMinutes(31), "U1", "Seeing 5xx spikes &amp; alerts on <https://dash.example.com/x|the edge dashboard>, paging <@U2>"),
                Msg(d.AddHours(11).AddMinutes(32), "U2", "", subtype: "channel_join"),
                Msg(d.AddHours(11).AddMinutes(35), "U2", "Looking &lt;now&gt;", thread: d.AddHours(11).AddMinutes(31)),
                Msg(d.AddHours(11).AddMinutes(36), "U9", "Deploy bot says hi", bot: true),
                Msg(d.AddHours(11).AddMinutes(40), "U1", "edited", subtype: "message_changed"),
                Msg(d.AddHours(23).AddMinutes(59), "U1", $"still watching <#C1|{channel}>", micro: 500000)).ToJsonString(),
            // Filed under the next day, but its ts is the first day at 14:30 UTC: the window goes by ts.
            [$"{channel}/{d.AddDays(1):yyyy-MM-dd}.json"] = new JsonArray(
                Msg(d.AddHours(14).AddMinutes(30), "U1", "Mitigated: good feature file deployed"),
                Msg(d.AddDays(1).AddMinutes(1), "U1", "after midnight")).ToJsonString(),
            ["random/2025-11-18.json"] = "[]",
        };
        change?.Invoke(files);
        return Zip(files);
    }

    public static byte[] Zip(Dictionary<string, string> files)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in files)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), Encoding.UTF8);
                writer.Write(content);
            }
        return stream.ToArray();
    }

    private static SlackExport Read(byte[] zip)
    {
        var (export, error) = SlackExportReader.Read(new MemoryStream(zip));
        Assert.True(export is not null, error);
        return export!;
    }

    [Fact]
    public void The_preview_decodes_groups_threads_skips_noise_and_filters_on_ts_in_UTC()
    {
        var export = Read(Export());

        var preview = SlackImport.Preview(export, "inc-bot-management", Day.AddHours(11), Day.AddDays(1), new HashSet<string>());

        Assert.Equal(
        [
            "Seeing 5xx spikes & alerts on the edge dashboard (https://dash.example.com/x), paging @Ana Ruiz",
            "Looking <now>",
            "Mitigated: good feature file deployed",
            "still watching #inc-bot-management",
        ], preview.Rows.Select(r => r.Text));
        Assert.Equal(Slack(11, 31), preview.Rows[1].ThreadOf);
        Assert.Equal(["kim", "Ana Ruiz", "kim", "kim"], preview.Rows.Select(r => r.Author));
        Assert.Equal((1, 1, 1, 1), (preview.JoinsAndLeaves, preview.Bots, preview.Edits, preview.OutsideWindow)); // "after midnight" is outside
        Assert.Equal(EventKind.Detection, preview.Rows[0].Kind);
        Assert.Equal(Day.AddHours(23).AddMinutes(59).AddSeconds(0.5), preview.Rows[3].At);
    }

    private static string Slack(int hour, int minute) => Ts(Day.AddHours(hour).AddMinutes(minute));

    [Fact]
    public void The_channel_matching_the_incidents_slug_or_tags_is_suggested()
    {
        Assert.Equal("inc-bot-management", SlackImport.SuggestChannel(["random", "inc-bot-management"], "2025-11-18-cloudflare-bot-management", ["bot-management"]));
        Assert.Null(SlackImport.SuggestChannel(["random"], "x-y", []));
    }

    [Fact]
    public async Task Importing_twice_adds_nothing_the_second_time()
    {
        var commands = _app.Get<SlackImportCommands>();
        var id = await _app.IncidentIdAsync(Slug);
        var export = Read(Export());
        var first = SlackImport.Preview(export, "inc-bot-management", Day, Day.AddDays(1), await commands.ImportedAsync(id, "inc-bot-management"));

        var result = await commands.ImportAsync(TestServices.Owner, id, "inc-bot-management", first.New);
        var second = SlackImport.Preview(export, "inc-bot-management", Day, Day.AddDays(1), await commands.ImportedAsync(id, "inc-bot-management"));
        var again = await commands.ImportAsync(TestServices.Owner, id, "inc-bot-management", first.New);

        Assert.Equal(4, result.Count);
        Assert.Empty(second.New);
        Assert.Equal(Outcome.Invalid, again.Outcome);
        await using var db = _app.Database.CreateDbContext();
        var reply = await db.TimelineEvents.SingleAsync(e => e.IncidentId == id && e.Text == "↳ Looking <now>");
        Assert.Equal((EventSource.Import, $"slack #inc-bot-management {Slack(11, 35)}"), (reply.Source, reply.SourceReference));
    }

    public static TheoryData<string, Action<Dictionary<string, string>>, string> Hostile => new()
    {
        { "a parent path", f => f["../evil.json"] = "[]", "unsafe name" },
        { "an absolute path", f => f["/etc/passwd"] = "x", "unsafe name" },
        { "malformed JSON in a day file", f => f["inc-bot-management/2025-11-20.json"] = "[{\"ts\":", "is not valid JSON" },
        { "no channels.json", f => f.Remove("channels.json"), "channels.json is missing" },
        { "a day file over its limit", f => f["inc-bot-management/2025-11-21.json"] = "[" + new string(' ', 70_000) + "]", "larger than 64 KB uncompressed" },
        { "a zip bomb", f => { for (var i = 0; i < 8; i++) f[$"random/2025-12-{i + 1:D2}.json"] = "[" + new string(' ', 60_000) + "]"; }, "inflates past" },
        { "too many entries", f => { for (var i = 0; i < 60; i++) f[$"random/x{i}.json"] = "[]"; }, "entries; the limit is 50" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_hostile_export_is_refused_whole_with_a_clear_message(string _, Action<Dictionary<string, string>> attack, string message)
    {
        var limits = new SlackLimits(MaxEntries: 50, MaxUncompressedBytes: 400_000, MaxDayFileBytes: 64 * 1024);

        var (export, error) = SlackExportReader.Read(new MemoryStream(Export(attack)), limits);

        Assert.Null(export);
        Assert.Contains(message, error);
    }
}
