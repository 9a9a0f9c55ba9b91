using Dashboard.Data.Postmortems;
using Dashboard.Data.Timeline;
using Dashboard.Incidents;
using Dashboard.Data.Impact;

namespace Dashboard.Tests.Domain;

public sealed class PostmortemDomainTests
{
    private static DateTime T(int hour, int minute) => new(2025, 11, 18, hour, minute, 0, DateTimeKind.Utc);

    private static readonly PhaseTimes Phases = new(T(11, 5), T(11, 20), T(11, 31), T(11, 35), T(14, 30), T(17, 6));

    private static TimelineEntry Event(int id, DateTime at, string text, bool key = false, string? service = null) =>
        new(id, at, null, EventKind.Note, text, null, EventSource.Manual, null, key, null, service);

    private static PostmortemRecord Record(PhaseTimes? phases = null, IReadOnlyList<TimelineEntry>? events = null,
        IReadOnlyList<Dashboard.Data.Impact.ImpactWindowItem>? impacts = null, IReadOnlyList<ActionLine>? actions = null) =>
        new(1, new TimelineData(1, phases ?? Phases, T(11, 40),
            events ?? [Event(1, T(11, 20), "Errors begin", key: true), Event(2, T(11, 45), "Investigating"), Event(3, T(12, 10), "Still investigating"),
                       Event(4, T(12, 35), "Rollback"), Event(5, T(13, 0), "KV bypass", key: true), Event(6, T(13, 25), "File stopped"),
                       Event(7, T(13, 50), "Good file"), Event(8, T(14, 15), "Deploying"), Event(9, T(14, 30), "Mitigated", key: true)],
            impacts ?? []), actions ?? []);

    private static string Filled() => string.Join("\n", PostmortemTemplate.Sections.Select(s =>
        $"## {s.Heading}\n\nWritten text for {s.Heading}.\n\n{s.Placeholder}\n"));

    [Fact]
    public void The_template_has_every_section_reviewers_expect_in_order()
    {
        var sections = PostmortemSections.Parse(PostmortemTemplate.Build("Outage"));
        Assert.Equal(["Summary", "Impact", "Trigger", "Contributing factors", "Detection", "Response and recovery", "Timeline",
            "What went well", "What went wrong", "Where we got lucky", "What surprised us", "Action items", "Supporting information"], sections.Select(s => s.Heading));
        Assert.All(sections, s => Assert.False(s.HasText)); // hints and placeholders are not the author's text
    }

    [Fact]
    public void Headings_inside_fenced_code_are_not_sections()
    {
        var sections = PostmortemSections.Parse("## Summary\ntext\n```\n## Not a heading\n```\n## Impact\nmore");
        Assert.Equal(["Summary", "Impact"], sections.Select(s => s.Heading));
        Assert.Equal(6, sections[1].Line);
    }

    [Fact]
    public void The_timeline_placeholder_lists_key_events_and_the_all_form_lists_every_event()
    {
        var record = Record();
        var key = GeneratedSections.Expand("{{timeline}}", record);
        Assert.Contains("| 2025-11-18 11:20 | Note | — | Errors begin |", key);
        Assert.DoesNotContain("Investigating", key);
        var all = GeneratedSections.Expand("  {{timeline:all}}  ", record);
        Assert.Contains("| 2025-11-18 11:45 | Note | — | Investigating |", all);
        Assert.Equal(9 + 2, all.Trim().Split('\n').Length); // header, rule, nine rows
    }

    [Fact]
    public void The_impact_table_gives_minutes_per_window_counts_overlaps_once_and_open_windows_to_resolution()
    {
        var record = Record(impacts:
        [
            new(1, 10, "kv", "Workers KV", ImpactLevel.MajorOutage, T(11, 20), T(13, 5), null, default),
            new(2, 20, "kv", "Workers KV", ImpactLevel.Degraded, T(13, 0), T(13, 20), null, default),
            new(3, 30, "ts", "Turnstile", ImpactLevel.MajorOutage, T(11, 20), null, null, default),
        ]);
        var table = GeneratedSections.Expand("{{impact}}", record);
        Assert.Contains("| Workers KV | Major outage | 2025-11-18 11:20 | 2025-11-18 13:05 | 105 |", table);
        Assert.Contains("| Turnstile | Major outage | 2025-11-18 11:20 | not given | 346 (to resolution) |", table);
        Assert.Contains("2 services, 466 impact minutes", table); // Workers KV 11:20–13:20 once, Turnstile 11:20–17:06
    }

    [Fact]
    public void The_actions_table_shows_owner_due_date_and_status_and_flags_what_is_missing()
    {
        var record = Record(actions:
        [
            new(1, "Harden file ingestion", "kim", "Edge", new DateOnly(2026, 1, 31), ActionStatus.InProgress, ActionPriority.P0),
            new(2, "Kill switches | global", null, null, null, ActionStatus.Open, ActionPriority.P1),
        ]);
        var table = GeneratedSections.Expand("{{actions}}", record);
        Assert.Contains("| Harden file ingestion | kim (Edge) | 2026-01-31 | In progress | P0 |", table);
        Assert.Contains("| Kill switches \\| global | **no owner** | **no due date** | Open | P1 |", table);
    }

    [Fact]
    public void The_metrics_table_says_missing_instead_of_zero()
    {
        var table = GeneratedSections.Expand("{{metrics}}", Record(phases: Phases with { Detected = null }));
        Assert.Contains("| Detected | missing |", table);
        Assert.Contains("| Time to detect | missing (a phase time is not recorded) |", table);
        Assert.Contains("| Time to resolve | 5 h 46 m |", table);
    }

    [Fact]
    public void Placeholders_inside_code_or_inside_a_sentence_are_left_as_written()
    {
        var text = "Use {{timeline}} to list events.\n```\n{{timeline}}\n```\n";
        Assert.Equal(text + "\n", GeneratedSections.Expand(text, Record()));
    }

    [Fact]
    public void A_complete_postmortem_on_a_clean_record_passes_every_check()
    {
        var report = QualityChecks.Run(Record(), Filled());
        Assert.All(report.Checks, c => Assert.True(c.Passed, $"{c.Key}: {string.Join("; ", c.Problems.Select(p => p.Message))}"));
        Assert.Equal(100, report.Score);
        Assert.Equal(8, report.Checks.Count);
    }

    [Fact]
    public void Missing_phase_times_are_named_and_sent_to_the_incident_form()
    {
        var check = Check(QualityChecks.Run(Record(phases: Phases with { Detected = null, Resolved = null }), Filled()), "phases-missing");
        Assert.Equal(["The detected time is missing, so time to detect cannot be measured.", "The resolved time is missing, so time to resolve cannot be measured."],
            check.Problems.Select(p => p.Message));
        Assert.All(check.Problems, p => Assert.Equal(FixPlace.IncidentForm, p.Place));
    }

    [Fact]
    public void Phase_times_out_of_order_fail()
    {
        var check = Check(QualityChecks.Run(Record(phases: Phases with { Mitigated = T(11, 0) }), Filled()), "phases-order");
        Assert.Contains("mitigated (2025-11-18 11:00) is before", Assert.Single(check.Problems).Message);
    }

    [Fact]
    public void Events_outside_the_incident_window_are_listed()
    {
        var events = Record().Timeline.Events.Append(Event(20, T(10, 0), "Deploy started")).Append(Event(21, T(18, 0), "Retro scheduled")).ToList();
        var check = Check(QualityChecks.Run(Record(events: events), Filled()), "events-outside");
        Assert.Equal(["2025-11-18 10:00 “Deploy started” is before the trigger.", "2025-11-18 18:00 “Retro scheduled” is after resolution."],
            check.Problems.Select(p => p.Message));
        Assert.All(check.Problems, p => Assert.Equal(FixPlace.Timeline, p.Place));
    }

    [Fact]
    public void A_silent_gap_during_impact_fails()
    {
        var events = Record().Timeline.Events.Where(e => e.Id is not (6 or 7)).ToList(); // nothing from 13:00 to 14:15
        var check = Check(QualityChecks.Run(Record(events: events), Filled()), "silent-gaps");
        Assert.Equal("No events for 1 h 15 m during impact, 2025-11-18 13:00 to 2025-11-18 14:15.", Assert.Single(check.Problems).Message);
    }

    [Fact]
    public void Actions_without_owner_or_due_date_fail()
    {
        var check = Check(QualityChecks.Run(Record(actions:
        [
            new(1, "Fine", "kim", null, new DateOnly(2026, 1, 1), ActionStatus.Open, ActionPriority.P1),
            new(2, "No owner", null, "Edge", new DateOnly(2026, 1, 1), ActionStatus.Open, ActionPriority.P1),
            new(3, "Nothing", null, null, null, ActionStatus.Open, ActionPriority.P1),
        ]), Filled()), "actions-incomplete");
        Assert.Equal(["“No owner” has no owner.", "“Nothing” has no owner and no due date."], check.Problems.Select(p => p.Message));
        Assert.All(check.Problems, p => Assert.Equal(FixPlace.Actions, p.Place));
    }

    [Fact]
    public void Root_cause_and_impact_need_text_of_their_own_and_point_at_their_line()
    {
        // No factors on the record: the generated list alone leaves the section saying nothing.
        var markdown = Filled().Replace("Written text for Contributing factors.", "").Replace("Written text for Impact.", PostmortemTemplate.Sections[1].Hint);
        var check = Check(QualityChecks.Run(Record(), markdown), "root-cause-impact");
        Assert.Equal(2, check.Problems.Count);
        var lines = markdown.Split('\n');
        Assert.All(check.Problems, p => Assert.StartsWith("## ", lines[p.Line!.Value - 1]));
    }

    [Fact]
    public void Template_sections_left_empty_or_missing_fail_but_a_generated_timeline_fills_its_section()
    {
        var report = QualityChecks.Run(Record(), PostmortemTemplate.Build("X"));
        var empty = Check(report, "empty-sections");
        Assert.Equal(10, empty.Problems.Count); // all but Contributing factors, Timeline and Action items, whose generated lists are their content
        Assert.DoesNotContain(empty.Problems, p => p.Message.Contains("Timeline") || p.Message.Contains("Action items") || p.Message.Contains("Contributing factors"));
        Assert.True(report.Score < 100);

        var missing = Check(QualityChecks.Run(Record(), Filled().Replace("## Where we got lucky", "## Luck")), "empty-sections");
        Assert.Equal("“Where we got lucky” is missing.", Assert.Single(missing.Problems).Message);
    }

    [Fact]
    public void The_score_is_the_share_of_passing_checks()
    {
        var report = QualityChecks.Run(Record(phases: Phases with { Detected = null }), Filled());
        Assert.Equal(88, report.Score); // 7 of 8
    }

    [Fact]
    public void Hindsight_wording_is_flagged_with_its_line_and_counts_in_the_score()
    {
        var markdown = Filled()
            .Replace("Written text for Detection.", "The on-call engineer should have noticed the alert.\nIt was human error: they simply failed to roll back.")
            .Replace("Written text for What went wrong.", "We couldn’t have known; it was just careless.");

        var report = QualityChecks.Run(Record(), markdown);
        var check = Check(report, "hindsight");

        var lines = markdown.Split('\n');
        Assert.Equal(["should have", "human error", "simply", "failed to", "couldn’t have", "… and 2 more."],
            check.Problems.Select(p => p.Message.StartsWith('…') ? p.Message : p.Message.Split('“', '”')[1]));
        Assert.All(check.Problems.SkipLast(1), p =>
        {
            Assert.Equal(FixPlace.Document, p.Place);
            Assert.Contains(p.Message.Split('“', '”')[1], lines[p.Line!.Value - 1]);
            Assert.StartsWith($"Line {p.Line}: ", p.Message);
        });
        Assert.Equal(88, report.Score); // 7 of 8: a suggestion weighs like any other check
    }

    [Fact]
    public void Innocent_uses_quotes_and_code_are_not_flagged()
    {
        var markdown = Filled().Replace("Written text for Detection.", string.Join("\n",
            "We moved to just-in-time provisioning; the justification is in the runbook.",
            "",
            "> The vendor wrote: \"you should have rotated the key\".",
            "   > and simply restart it.",
            "",
            "The alert calls `should_have_fired()`, see `just`.",
            "<!-- reviewers: could have been caught earlier? -->",
            "```",
            "if (failed to parse) simply retry",
            "```",
            "Unjust blame helps nobody; adjusted limits shipped."));

        Assert.True(Check(QualityChecks.Run(Record(), markdown), "hindsight").Passed);
    }

    [Fact]
    public void The_hindsight_word_list_comes_from_the_settings()
    {
        var markdown = Filled().Replace("Written text for Detection.", "Obviously the operator should have looked.");

        var custom = Check(QualityChecks.Run(Record(), markdown, ["obviously"]), "hindsight");

        Assert.Equal("obviously", Assert.Single(custom.Problems).Message.Split('“', '”')[1], ignoreCase: true);
        Assert.Equal(["obviously"], new PostmortemOptions { HindsightPhrases = ["obviously"] }.Phrases);
        Assert.Equal(HindsightWording.DefaultPhrases, new PostmortemOptions().Phrases);
    }

    [Theory]
    [InlineData(PostmortemStatus.Draft, PostmortemStatus.InReview, null, null)]
    [InlineData(PostmortemStatus.InReview, PostmortemStatus.Published, null, null)]
    [InlineData(PostmortemStatus.InReview, PostmortemStatus.Draft, null, null)]
    [InlineData(PostmortemStatus.Draft, PostmortemStatus.Published, null, "A postmortem cannot move from Draft to Published.")]
    [InlineData(PostmortemStatus.Published, PostmortemStatus.Draft, null, "Say why it is reopened: the reason is recorded with the move.")]
    [InlineData(PostmortemStatus.Published, PostmortemStatus.Draft, "Timeline was wrong", null)]
    public void The_workflow_allows_only_its_moves(PostmortemStatus from, PostmortemStatus to, string? note, string? error) =>
        Assert.Equal(error, PostmortemWorkflow.Check(from, to, "kim", note, hasText: true));

    [Fact]
    public void A_move_needs_a_name_and_an_empty_postmortem_cannot_go_to_review()
    {
        Assert.Equal("Say who you are: your name is recorded with the move.", PostmortemWorkflow.Check(PostmortemStatus.Draft, PostmortemStatus.InReview, " ", null, true));
        Assert.Equal("The postmortem is empty: write and save it first.", PostmortemWorkflow.Check(PostmortemStatus.Draft, PostmortemStatus.InReview, "kim", null, false));
    }

    private static QualityCheck Check(QualityReport report, string key) => report.Checks.Single(c => c.Key == key);
}

public sealed class TextDifferenceTests
{
    [Fact]
    public void Only_the_changed_block_of_each_side_is_kept_with_the_line_it_starts_on()
    {
        var d = TextDifference.Between("a\nb\nmine 1\nmine 2\nz\n", "a\nb\ntheirs\nz");
        Assert.Equal(3, d.FirstLine);
        Assert.Equal(["mine 1", "mine 2"], d.Mine);
        Assert.Equal(["theirs"], d.Theirs);
    }

    [Fact]
    public void An_added_line_at_the_end_shows_on_one_side_only_and_equal_texts_are_the_same()
    {
        var d = TextDifference.Between("a\nb", "a\nb\nc");
        Assert.Equal((3, 0), (d.FirstLine, d.Mine.Count));
        Assert.Equal(["c"], d.Theirs);
        Assert.True(TextDifference.Between("x\r\ny\n", "x\ny").Same);
    }
}
