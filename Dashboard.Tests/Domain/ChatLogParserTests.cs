using Dashboard.Data.Timeline;

namespace Dashboard.Tests.Domain;

public class ChatLogParserTests
{
    private static readonly DateOnly IncidentDate = new(2025, 11, 18);

    private static DateTime At(int h, int m, int s = 0, int day = 18) => new(2025, 11, day, h, m, s, DateTimeKind.Utc);

    private static IReadOnlyList<ParsedLine> Parse(string text) => ChatLogParser.Parse(text, IncidentDate);

    private static ParsedLine ParseOne(string line) => Assert.Single(Parse(line));

    private static void AssertOk(ParsedLine line) =>
        Assert.True(line.Status == ParsedLineStatus.Ok, $"line {line.LineNumber} was refused: {line.Error}");

    [Theory]
    [InlineData("11:28 deploy started", 11, 28, 0, null)]
    [InlineData("11:28:05 deploy started", 11, 28, 5, null)]
    [InlineData("9:05 deploy started", 9, 5, 0, null)]
    [InlineData("11:28 UTC deploy started", 11, 28, 0, null)]
    [InlineData("11:28Z deploy started", 11, 28, 0, null)]
    [InlineData("11:28 PM deploy started", 23, 28, 0, null)]
    [InlineData("[11:28] alice: deploy started", 11, 28, 0, "alice")]
    [InlineData("[11:28:05] alice: deploy started", 11, 28, 5, "alice")]
    [InlineData("[2025-11-18 11:28:05] alice: deploy started", 11, 28, 5, "alice")]
    [InlineData("2025-11-18 11:28:00 deploy started", 11, 28, 0, null)]
    [InlineData("2025-11-18 11:28 deploy started", 11, 28, 0, null)]
    [InlineData("2025-11-18 11:28 UTC deploy started", 11, 28, 0, null)]
    [InlineData("2025-11-18T11:28:00Z deploy started", 11, 28, 0, null)]
    [InlineData("2025-11-18T11:28:00.123Z deploy started", 11, 28, 0, null)]
    [InlineData("2025-11-18T11:28:00 deploy started", 11, 28, 0, null)]
    [InlineData("2025-11-18T13:28:00+02:00 deploy started", 11, 28, 0, null)]
    [InlineData("2025-11-18T06:28:00-05:00 deploy started", 11, 28, 0, null)]
    [InlineData("11:28 deploy started   \t", 11, 28, 0, null)]
    [InlineData("  [11:28] alice: deploy started  ", 11, 28, 0, "alice")]
    [InlineData("11:28 - deploy started", 11, 28, 0, null)]
    public void Every_accepted_shape_gives_the_time_and_the_text(string line, int hour, int minute, int second, string? author)
    {
        var parsed = ParseOne(line);

        AssertOk(parsed);
        Assert.Equal(At(hour, minute, second), parsed.OccurredAt);
        Assert.Equal(DateTimeKind.Utc, parsed.OccurredAt!.Value.Kind);
        Assert.Equal("deploy started", parsed.Text);
        Assert.Equal(author, parsed.Author);
        Assert.Equal(EventKind.Trigger, parsed.Kind);
        Assert.Equal(1, parsed.LineNumber);
        Assert.Equal(line, parsed.Raw);
    }

    [Theory]
    [InlineData("11:28 alice: rolled back", "alice")]
    [InlineData("11:28 UTC alice: rolled back", "alice")]
    [InlineData("2025-11-18 11:28 alice: rolled back", "alice")]
    [InlineData("2025-11-18T11:28:00Z @alice.smith: rolled back", "@alice.smith")]
    [InlineData("2025-11-18T13:28:00+02:00 alice_s:   rolled back", "alice_s")]
    public void A_chat_handle_after_the_time_becomes_the_author(string line, string author)
    {
        var parsed = ParseOne(line);

        AssertOk(parsed);
        Assert.Equal(author, parsed.Author);
        Assert.Equal("rolled back", parsed.Text);
        Assert.Equal(At(11, 28), parsed.OccurredAt);
    }

    [Theory]
    [InlineData("11:28 root cause: a bad config push", "root cause: a bad config push")]
    [InlineData("11:28 see https://status.example.com: degraded", "see https://status.example.com: degraded")]
    [InlineData("11:28 ratio:1.5", "ratio:1.5")]
    public void Words_before_a_colon_that_are_not_a_handle_stay_in_the_text(string line, string text)
    {
        var parsed = ParseOne(line);

        AssertOk(parsed);
        Assert.Null(parsed.Author);
        Assert.Equal(text, parsed.Text);
    }

    [Fact]
    public void A_handle_longer_than_32_characters_is_part_of_the_text()
    {
        var handle = new string('a', 33);

        var parsed = ParseOne($"11:28 {handle}: hello");

        Assert.Null(parsed.Author);
        Assert.Equal($"{handle}: hello", parsed.Text);
    }

    [Fact]
    public void Lines_with_only_a_time_take_the_incident_date()
    {
        var parsed = ChatLogParser.Parse("11:28 deploy started", new DateOnly(2024, 2, 29));

        Assert.Equal(new DateTime(2024, 2, 29, 11, 28, 0, DateTimeKind.Utc), Assert.Single(parsed).OccurredAt);
    }

    [Fact]
    public void A_log_crossing_midnight_rolls_over_to_the_next_day()
    {
        var parsed = Parse("23:58 alert fired\n00:03 paged on-call\n00:10 rolled back");

        Assert.Equal([At(23, 58), At(0, 3, day: 19), At(0, 10, day: 19)], parsed.Select(p => p.OccurredAt));
    }

    [Fact]
    public void A_small_step_backwards_is_an_out_of_order_message_on_the_same_day()
    {
        var parsed = Parse("11:30 rolled back\n11:20 alert fired\n00:30 note");

        Assert.Equal([At(11, 30), At(11, 20), At(0, 30)], parsed.Select(p => p.OccurredAt));
    }

    [Fact]
    public void Time_only_lines_follow_the_date_of_the_last_dated_line()
    {
        var parsed = Parse("2025-11-20 09:00 deploy\n09:05 alert fired");

        Assert.Equal([At(9, 0, day: 20), At(9, 5, day: 20)], parsed.Select(p => p.OccurredAt));
    }

    [Fact]
    public void An_offset_is_converted_to_utc_even_across_midnight()
    {
        var parsed = ParseOne("2025-11-19T01:30:00+02:00 deploy");

        Assert.Equal(At(23, 30), parsed.OccurredAt);
        Assert.Equal(DateTimeKind.Utc, parsed.OccurredAt!.Value.Kind);
    }

    [Fact]
    public void Two_messages_under_one_slack_header_share_its_author_and_time()
    {
        var parsed = Parse("Alice Smith  11:28 AM\nrolling back the deploy\nstatus page updated");

        Assert.Equal(2, parsed.Count);
        Assert.All(parsed, p =>
        {
            AssertOk(p);
            Assert.Equal("Alice Smith", p.Author);
            Assert.Equal(At(11, 28), p.OccurredAt);
        });
        Assert.Equal([2, 3], parsed.Select(p => p.LineNumber));
        Assert.Equal(["rolling back the deploy", "status page updated"], parsed.Select(p => p.Text));
        Assert.Equal([EventKind.Mitigation, EventKind.Communication], parsed.Select(p => p.Kind));
    }

    [Theory]
    [InlineData("alice  12:05 AM", 0, 5)]
    [InlineData("alice  12:05 PM", 12, 5)]
    [InlineData("alice  1:05 PM", 13, 5)]
    [InlineData("alice\t11:05 am", 11, 5)]
    public void Slack_headers_read_12_hour_times(string header, int hour, int minute)
    {
        var parsed = Assert.Single(Parse($"{header}\nhello"));

        Assert.Equal(At(hour, minute), parsed.OccurredAt);
        Assert.Equal("alice", parsed.Author);
    }

    [Theory]
    [InlineData("see you at 11:28 AM")]
    [InlineData("alice: meet  11:28 AM")]
    public void A_12_hour_time_after_a_single_space_or_a_colon_is_a_sentence_not_a_slack_header(string line) =>
        Assert.Equal("no time at the start of the line", ParseOne(line).Error);

    [Fact]
    public void A_slack_block_runs_until_the_next_header_even_past_blank_lines_and_times()
    {
        var parsed = Parse("alice  11:28 PM\nlooking into it\n\n14:00 next update\nbob  11:59 PM\nfound it\ncarol  12:02 AM\nresolved");

        Assert.Equal(["alice", "alice", "bob", "carol"], parsed.Select(p => p.Author));
        Assert.Equal([At(23, 28), At(23, 28), At(23, 59), At(0, 2, day: 19)], parsed.Select(p => p.OccurredAt));
        Assert.Equal("14:00 next update", parsed[1].Text);
    }

    [Theory]
    [InlineData("hello there", "no time at the start of the line")]
    [InlineData("at 11:28 deploy", "no time at the start of the line")]
    [InlineData("11:5 deploy", "no time at the start of the line")]
    [InlineData("[11:28 deploy", "no time at the start of the line")]
    [InlineData("25:10 deploy", "25:10 is not a valid time")]
    [InlineData("11:60 deploy", "11:60 is not a valid time")]
    [InlineData("11:28:61 deploy", "11:28:61 is not a valid time")]
    [InlineData("13:10 PM deploy", "13:10 PM is not a valid time")]
    [InlineData("2025-13-01 10:00 deploy", "2025-13-01 is not a valid date")]
    [InlineData("2025-02-30T10:00:00Z deploy", "2025-02-30 is not a valid date")]
    [InlineData("0001-01-01T00:00:00+02:00 deploy", "0001-01-01 is outside the years 1900 to 2999")]
    [InlineData("2025-11-18T11:28:00+15:00 deploy", "+15:00 is not a valid UTC offset")]
    [InlineData("11:28", "text is empty after the time")]
    [InlineData("11:28 UTC   ", "text is empty after the time")]
    [InlineData("2025-11-18T11:28:00Z", "text is empty after the time")]
    [InlineData("[11:28] alice:", "text is empty after the author alice")]
    public void Unreadable_lines_are_refused_with_the_reason(string line, string error)
    {
        var parsed = ParseOne(line);

        Assert.Equal(ParsedLineStatus.Error, parsed.Status);
        Assert.Equal(error, parsed.Error);
        Assert.Equal(line, parsed.Raw);
        Assert.Null(parsed.OccurredAt);
        Assert.Null(parsed.Kind);
    }

    [Fact]
    public void Text_longer_than_the_event_limit_is_refused_and_the_limit_itself_is_accepted()
    {
        var parsed = Parse($"11:28 {new string('x', Limits.EventTextLength + 1)}\n11:29 {new string('x', Limits.EventTextLength)}");

        Assert.Equal("text is longer than 4000 characters", parsed[0].Error);
        AssertOk(parsed[1]);
    }

    [Fact]
    public void A_slack_message_longer_than_the_event_limit_is_refused()
    {
        var parsed = Parse($"alice  11:28 AM\n{new string('x', Limits.EventTextLength + 1)}");

        Assert.Equal("text is longer than 4000 characters", Assert.Single(parsed).Error);
    }

    [Fact]
    public void Messages_under_a_slack_header_with_an_invalid_time_point_at_the_header()
    {
        var parsed = Parse("alice  13:15 PM\nrolling back");

        Assert.Equal(["13:15 PM is not a valid time", "the Slack header on line 1 has no valid time"], parsed.Select(p => p.Error));
        Assert.All(parsed, p => Assert.Equal(ParsedLineStatus.Error, p.Status));
    }

    [Fact]
    public void A_refused_line_does_not_move_the_date()
    {
        var parsed = Parse("23:58 alert\n00:01\n23:59 paged");

        Assert.Equal(At(23, 59), parsed[2].OccurredAt);
    }

    [Fact]
    public void Blank_lines_are_skipped_but_keep_the_line_numbers()
    {
        var parsed = Parse("\r\n\r\n11:28 deploy\r\n   \t\r\n11:30 alert fired\r\n\r\n");

        Assert.Equal([3, 5], parsed.Select(p => p.LineNumber));
        Assert.All(parsed, AssertOk);
    }

    [Fact]
    public void An_empty_paste_gives_no_lines() => Assert.Empty(Parse("  \n\n\t"));

    [Fact]
    public void A_paste_over_the_line_limit_is_refused_as_a_whole()
    {
        var text = string.Join('\n', Enumerable.Range(0, ChatLogParser.MaxLines + 1).Select(_ => "11:28 deploy"));

        var parsed = ParseOne(text);

        Assert.Equal(ParsedLineStatus.Error, parsed.Status);
        Assert.Equal(0, parsed.LineNumber);
        Assert.Equal("the paste has 5001 non-blank lines and the limit is 5000", parsed.Error);
    }

    [Fact]
    public void Blank_lines_do_not_count_towards_the_line_limit()
    {
        var text = string.Join("\n\n", Enumerable.Range(0, ChatLogParser.MaxLines).Select(_ => "11:28 deploy"));

        var parsed = Parse(text);

        Assert.Equal(ChatLogParser.MaxLines, parsed.Count);
        Assert.Equal(2 * ChatLogParser.MaxLines - 1, parsed[^1].LineNumber);
    }

    [Fact]
    public void The_same_paste_always_gives_the_same_lines()
    {
        const string text = "alice  11:58 PM\nchecking\n00:03 bob: rolled back\nnonsense";

        Assert.Equal(Parse(text), Parse(text));
    }

    [Theory]
    [InlineData("Impact ended, incident resolved", EventKind.Resolution)]
    [InlineData("ALL CLEAR from the SRE team", EventKind.Resolution)]
    [InlineData("incident closed", EventKind.Resolution)]
    [InlineData("error rates back to normal", EventKind.Recovery)]
    [InlineData("service restored in eu-west", EventKind.Recovery)]
    [InlineData("traffic recovering", EventKind.Recovery)]
    [InlineData("rolled back to v1.4", EventKind.Mitigation)]
    [InlineData("rolling back the deploy", EventKind.Mitigation)]
    [InlineData("Mitigation: traffic throttled at the edge", EventKind.Mitigation)]
    [InlineData("restarted the workers", EventKind.Mitigation)]
    [InlineData("failover to the standby", EventKind.Mitigation)]
    [InlineData("PagerDuty alerts firing for checkout", EventKind.Detection)]
    [InlineData("on-call paged", EventKind.Detection)]
    [InlineData("escalated to the database team", EventKind.Escalation)]
    [InlineData("SEV1 declared, war room open", EventKind.Escalation)]
    [InlineData("sev 1", EventKind.Escalation)]
    [InlineData("Status page updated", EventKind.Communication)]
    [InlineData("customers notified by email", EventKind.Communication)]
    [InlineData("investigating elevated latency", EventKind.Investigation)]
    [InlineData("we suspect the cache", EventKind.Investigation)]
    [InlineData("why is the queue growing?", EventKind.Investigation)]
    [InlineData("deployed build 512", EventKind.Trigger)]
    [InlineData("config push to all regions", EventKind.Trigger)]
    [InlineData("release 2.3 rolled out", EventKind.Trigger)]
    [InlineData("coffee break", EventKind.Note)]
    [InlineData("", EventKind.Note)]
    public void GuessKind_finds_each_kind_from_its_keywords(string text, EventKind kind) =>
        Assert.Equal(kind, ChatLogParser.GuessKind(text));

    [Theory]
    [InlineData("rolled back the deploy, resolved", EventKind.Resolution)]
    [InlineData("alert fired after the deploy", EventKind.Detection)]
    [InlineData("checking why the rollback failed", EventKind.Mitigation)]
    public void GuessKind_takes_the_first_kind_in_priority_order(string text, EventKind kind) =>
        Assert.Equal(kind, ChatLogParser.GuessKind(text));

    [Theory]
    [InlineData("unresolved questions")]
    [InlineData("prerelease notes")]
    [InlineData("sev10 drill")]
    [InlineData("nowhy")]
    public void GuessKind_matches_keywords_only_at_word_boundaries(string text) =>
        Assert.Equal(EventKind.Note, ChatLogParser.GuessKind(text));
}
