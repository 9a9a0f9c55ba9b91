using Dashboard.Data.Timeline;
using Dashboard.Data.Timeline.Slack;
using Dashboard.Tests.Infrastructure;
using Dashboard.Account;
using Dashboard.Api;

namespace Dashboard.Tests.Data;

/// <summary>Slack workspace exports: the parser, the preview's window and grouping, the one-transaction import, and hostile ZIPs.</summary>
public class SlackImportTests : IAsyncLifetime
{
    /// <summary>The database these tests run on; <see cref="SlackImportTestsOnPostgreSql"/> runs them all again on PostgreSQL.</summary>
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    private const string Cloudflare = "2025-11-18-cloudflare-bot-management";
    private static readonly DateTime From = new(2025, 11, 18, 11, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime To = new(2025, 11, 18, 23, 59, 59, DateTimeKind.Utc);
    private TestServices _app = default!;

    public async Task InitializeAsync() => _app = await TestServices.CreateAsync(Store);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static SlackExport Read(byte[] zip) => SlackExport.Read(new MemoryStream(zip));

    private static string Refusal(byte[] zip) => Assert.Throws<SlackExportException>(() => Read(zip)).Message;

    [Fact]
    public void The_preview_decodes_mentions_links_and_escapes_and_puts_replies_under_their_thread()
    {
        var export = Read(SlackExportBuilder.Realistic().Build());
        Assert.Equal(["inc-cloudflare-bot-management", "random"], export.Channels.Select(c => c.Name));

        var preview = SlackPreview.Build(export, "C01", From, To, new HashSet<string>());

        Assert.Equal(["alice.s", "Bob Jones", "alice.s"], preview.Rows.Select(r => r.Author));
        Assert.Equal("Seeing 5xx spike on the edge, paging @Bob Jones", preview.Rows[0].Text);
        Assert.Equal("↳ Acknowledged, looking & digging: status page (https://status.example.com/x)", preview.Rows[1].Text);
        Assert.True(preview.Rows[1].IsReply);
        Assert.Equal("Rolled back the feature file, mitigated [file: graph.png]", preview.Rows[2].Text);
        Assert.Equal(EventKind.Mitigation, preview.Rows[2].Kind);
        Assert.Equal(new DateTime(2025, 11, 18, 11, 31, 0, DateTimeKind.Utc), preview.Rows[0].At.AddTicks(-(preview.Rows[0].At.Ticks % TimeSpan.TicksPerMinute)));
        Assert.Equal((1, 1, 1), (preview.JoinsAndLeaves, preview.Bots, preview.Edits));
    }

    [Fact]
    public void The_window_is_read_from_each_messages_own_time_not_the_day_files_name()
    {
        var export = Read(SlackExportBuilder.Realistic().Build());
        var narrow = SlackPreview.Build(export, "C01", From, To, new HashSet<string>());
        // 00:30 on the 19th sits in the 18th's file and is left out; the 17th's chatter too.
        Assert.DoesNotContain(narrow.Rows, r => r.Text.Contains("after midnight"));
        Assert.Equal(2, narrow.OutsideWindow);

        var wider = SlackPreview.Build(export, "C01", From, To.AddHours(1), new HashSet<string>());
        Assert.Contains(wider.Rows, r => r.Text.Contains("after midnight"));
    }

    [Fact]
    public async Task Importing_writes_the_ticked_messages_once_and_a_second_import_adds_nothing()
    {
        var incident = await _app.IncidentIdAsync(Cloudflare);
        var export = Read(SlackExportBuilder.Realistic().Build());
        var timeline = _app.Get<TimelineQueries>();
        var before = (await timeline.GetAsync(Actor.System, incident))!.Events.Count;

        var preview = SlackPreview.Build(export, "C01", From, To, await timeline.SlackKeysAsync(Actor.System, incident));
        var first = await _app.Get<TimelineCommands>().ImportSlackAsync(TestServices.Owner, incident, "inc-cloudflare-bot-management", preview.Rows);
        Assert.True(first.Succeeded, string.Join("; ", first.Errors.Values));
        Assert.Equal(3, first.Count);

        var events = (await timeline.GetAsync(Actor.System, incident))!.Events;
        Assert.Equal(before + 3, events.Count);
        var reply = events.Single(e => e.Text.StartsWith("↳ Acknowledged"));
        Assert.Equal(("Bob Jones", EventSource.Import), (reply.Author, reply.Source));
        Assert.StartsWith("slack:C01:", reply.SourceReference);

        var again = SlackPreview.Build(export, "C01", From, To, await timeline.SlackKeysAsync(Actor.System, incident));
        Assert.All(again.Rows, r => Assert.True(r.AlreadyImported));
        var second = await _app.Get<TimelineCommands>().ImportSlackAsync(TestServices.Owner, incident, "inc-cloudflare-bot-management", preview.Rows);
        Assert.Equal(Outcome.Invalid, second.Outcome);
        Assert.Equal(before + 3, (await timeline.GetAsync(Actor.System, incident))!.Events.Count);
    }

    [Fact]
    public void The_channel_named_like_the_incident_is_suggested()
    {
        var export = Read(SlackExportBuilder.Realistic().Build());
        Assert.Equal("C01", SlackPreview.Suggest(export.Channels, "incident-x", ["inc-cloudflare-bot-management"])!.Id);
        Assert.Equal("C01", SlackPreview.Suggest(export.Channels, "inc-cloudflare-bot-management-2", [])!.Id);
        Assert.Null(SlackPreview.Suggest(export.Channels, "2024-01-01-other", []));
    }

    [Theory]
    [InlineData("../evil.json")]
    [InlineData("/etc/passwd")]
    [InlineData("inc/../../escape.json")]
    [InlineData("C:\\windows\\win.ini")]
    public void Entry_names_that_leave_the_export_refuse_it_whole(string name)
    {
        var zip = SlackExportBuilder.Realistic().Add(name, "[]").Build();
        Assert.Contains("unsafe file name", Refusal(zip));
    }

    [Fact]
    public void Malformed_json_refuses_the_export_and_names_the_file()
    {
        var zip = SlackExportBuilder.Realistic().Add("random/2025-11-19.json", """[{"ts": "1763467200.000100", "text": "unterminated""").Build();
        Assert.Contains("random/2025-11-19.json is not valid JSON", Refusal(zip));
    }

    [Fact]
    public void Too_many_entries_refuse_the_export()
    {
        var builder = SlackExportBuilder.Realistic();
        for (var i = 0; i < Limits.SlackZipEntries; i++) builder.Add($"random/extra-{i}.txt", "");
        Assert.Contains($"the limit is {Limits.SlackZipEntries:N0}", Refusal(builder.Build()));
    }

    [Fact]
    public void A_day_file_over_the_limit_refuses_the_export()
    {
        var big = "[" + string.Join(",", Enumerable.Repeat("""{"ts":"1763467200.000100","user":"U1","text":"x"}""", 120_000)) + "]";
        var zip = SlackExportBuilder.Realistic().Add("random/2025-11-20.json", big).Build();
        Assert.Contains("random/2025-11-20.json", Refusal(zip));
    }

    [Fact]
    public void A_zip_bomb_is_stopped_by_the_bytes_actually_unpacked()
    {
        // Many day files of compressible zeros: small as a ZIP, far over the unpacked limit in total.
        var builder = SlackExportBuilder.Realistic();
        var filler = new byte[(int)Limits.SlackDayFileBytes - 1024];
        Array.Fill(filler, (byte)' ');
        filler[0] = (byte)'[';
        filler[^1] = (byte)']';
        for (var i = 0; i < 20; i++) builder.Add($"random/2025-12-{i + 1:D2}.json", filler);
        var zip = builder.Build();
        Assert.True(zip.Length < 2 * 1024 * 1024);
        Assert.Contains("refused whole", Refusal(zip));
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_refused_with_words()
    {
        Assert.Contains("not a ZIP file", Assert.Throws<SlackExportException>(() => SlackExport.Read(new MemoryStream("hello"u8.ToArray()))).Message);
    }
}

public sealed class SlackImportTestsOnPostgreSql : SlackImportTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
