using Dashboard.Data.Timeline;
using Dashboard.Tests.Infrastructure;
using Dashboard.Data.Incidents;
using Dashboard.Api;

namespace Dashboard.Tests.Data;

public class TimelineTests : IAsyncLifetime
{
    /// <summary>The database these tests run on; <see cref="TimelineTestsOnPostgreSql"/> runs them all again on PostgreSQL.</summary>
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    private static readonly DateOnly Nov18 = new(2025, 11, 18);
    private static readonly Actor Owner = TestServices.Owner;
    private TestServices _app = default!;
    private TimelineQueries _queries = default!;
    private TimelineCommands _commands = default!;
    private List<Change> _notified = default!;
    private int _cloudflare;

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync(Store);
        _queries = _app.Get<TimelineQueries>();
        _commands = _app.Get<TimelineCommands>();
        _cloudflare = await _app.IncidentIdAsync("2025-11-18-cloudflare-bot-management");
        _notified = _app.Record(ChangeScope.Incident(_cloudflare));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<TimelineContext> ContextAsync() => (await _queries.GetAsync(Actor.System, _cloudflare))!.Context;

    [Theory]
    [InlineData("11:28", 11, 28, 0)]
    [InlineData("9:05", 9, 5, 0)]
    [InlineData("11:28:30", 11, 28, 30)]
    [InlineData("2025-11-18 11:28", 11, 28, 0)]
    public void A_time_alone_takes_the_incident_date(string typed, int h, int m, int s)
    {
        Assert.True(EventRules.TryParseTime(typed, Nov18, out var utc));
        Assert.Equal(new DateTime(2025, 11, 18, h, m, s, DateTimeKind.Utc), utc);
    }

    [Fact]
    public void The_reference_date_is_the_incident_start_day() =>
        Assert.Equal(Nov18, new TimelineContext(new PhaseTimes(new DateTime(2025, 11, 18, 11, 5, 0, DateTimeKind.Utc), null, null, null, null, null),
            new DateTime(2025, 11, 20, 8, 0, 0, DateTimeKind.Utc), []).ReferenceDate);

    [Fact]
    public async Task Required_fields_length_and_an_end_before_the_start_are_refused()
    {
        var result = await _commands.AddAsync(Owner, _cloudflare, new EventInput { OccurredAt = "14:00", EndsAt = "13:00", Text = new string('x', 4001) });

        Assert.False(result.Succeeded);
        Assert.Equal("The end (2025-11-18 13:00) is before the start (2025-11-18 14:00).", result.Errors["EndsAt"]);
        Assert.Equal("The text is 4001 characters long; the limit is 4000.", result.Errors["Text"]);
        Assert.Empty(_notified);

        var empty = await _commands.AddAsync(Owner, _cloudflare, new EventInput { OccurredAt = " ", Text = " " });
        Assert.Contains("The time is required", empty.Errors["OccurredAt"]);
        Assert.Contains("the text is required", empty.Errors["Text"]);
    }

    [Fact]
    public async Task An_event_is_saved_in_utc_on_the_incident_day_and_viewers_are_told()
    {
        var result = await _commands.AddAsync(Owner, _cloudflare, new EventInput { OccurredAt = "12:10", Kind = EventKind.Communication, Text = "Status page updated", IsKey = true });

        Assert.True(result.Succeeded);
        var saved = (await _queries.GetAsync(Actor.System, _cloudflare))!.Events.Single(e => e.Id == result.Id);
        Assert.Equal(new DateTime(2025, 11, 18, 12, 10, 0, DateTimeKind.Utc), saved.OccurredAt);
        Assert.Equal(EventSource.Manual, saved.Source);
        Assert.Equal([ChangeScope.Incident(_cloudflare)], _notified.Select(c => c.Scope));
    }

    [Fact]
    public async Task Warnings_flag_events_outside_the_incident_and_probable_duplicates_without_blocking()
    {
        var before = await _commands.AddAsync(Owner, _cloudflare, new EventInput { OccurredAt = "10:00", Text = "Early note" });
        var after = await _commands.AddAsync(Owner, _cloudflare, new EventInput { OccurredAt = "18:00", Text = "Late note" });
        var duplicate = await _commands.AddAsync(Owner, _cloudflare, new EventInput { OccurredAt = "11:35", Text = "an incident call is opened." });

        Assert.True(before.Succeeded && after.Succeeded && duplicate.Succeeded);
        Assert.Contains(before.Warnings, w => w.StartsWith("2025-11-18 10:00 is before the incident was triggered (2025-11-18 11:05)"));
        Assert.Contains(after.Warnings, w => w.StartsWith("2025-11-18 18:00 is after the incident was resolved (2025-11-18 17:06)"));
        Assert.Contains(duplicate.Warnings, w => w.StartsWith("Probable duplicate"));
    }

    [Fact]
    public async Task Silent_stretches_during_impact_are_reported()
    {
        var phases = new PhaseTimes(null, At(11, 0), null, null, At(14, 0), At(15, 0));

        var gaps = EventRules.SilentGaps(phases, [At(11, 10), At(11, 30), At(12, 45), At(13, 0)]).ToList();

        Assert.Equal([(At(11, 30), At(12, 45)), (At(13, 0), At(14, 0))], gaps);
    }

    [Fact]
    public async Task The_Cloudflare_timeline_has_a_gap_warning_during_its_long_investigation()
    {
        var result = await _commands.AddAsync(Owner, _cloudflare, new EventInput { OccurredAt = "16:00", Text = "Checking" });

        // 11:35 → 13:04 has no event (the two spans start at 11:32).
        Assert.Contains(result.Warnings, w => w.Contains("from 2025-11-18 11:35 to 2025-11-18 13:04"));
    }

    [Fact]
    public async Task Editing_keeps_the_event_and_moves_it()
    {
        var added = await _commands.AddAsync(Owner, _cloudflare, new EventInput { OccurredAt = "12:00", Text = "Draft" });
        var id = added.Id!.Value;

        var result = await _commands.UpdateAsync(Owner, _cloudflare, id, added.Version!.Value, new EventInput { OccurredAt = "2025-11-18 12:05", Text = "Final", Kind = EventKind.Escalation });

        Assert.True(result.Succeeded);
        var e = (await _queries.GetAsync(Actor.System, _cloudflare))!.Events.Single(x => x.Id == id);
        Assert.Equal(("Final", EventKind.Escalation, 5), (e.Text, e.Kind, e.OccurredAt.Minute));
    }

    [Fact]
    public async Task A_deleted_event_can_be_restored()
    {
        var events = (await _queries.GetAsync(Actor.System, _cloudflare))!.Events;
        var call = events.Single(e => e.OccurredAt.Hour == 11 && e.OccurredAt.Minute == 35);

        Assert.True((await _commands.DeleteAsync(Owner, _cloudflare, call.Id, call.Version)).Succeeded);
        Assert.Equal(events.Count - 1, (await _queries.GetAsync(Actor.System, _cloudflare))!.Events.Count);
        Assert.True((await _commands.RestoreAsync(Owner, _cloudflare, call)).Succeeded);

        var back = (await _queries.GetAsync(Actor.System, _cloudflare))!.Events.Single(e => e.Text == call.Text);
        Assert.Equal((call.OccurredAt, call.Kind, call.IsKey, call.SourceReference), (back.OccurredAt, back.Kind, back.IsKey, back.SourceReference));
    }

    [Fact]
    public async Task An_import_preview_flags_duplicates_and_errors_and_writes_nothing()
    {
        var context = await ContextAsync();

        var preview = ImportPreview.Build("11:35 An incident call is opened.\n[12:00] kim: paged networking\n12:00 paged the database team\n[12:00] sam: paged networking\nno time here", context);

        Assert.Equal([ImportFlag.DuplicateOfExisting, ImportFlag.New, ImportFlag.New, ImportFlag.DuplicateInPaste, ImportFlag.Error], preview.Rows.Select(r => r.Flag));
        Assert.Equal(2, preview.Importable.Count);
        Assert.Equal(20, (await _queries.GetAsync(Actor.System, _cloudflare))!.Events.Count);
    }

    [Fact]
    public async Task Committing_an_import_writes_every_new_line_with_its_kind_and_source()
    {
        var preview = ImportPreview.Build("[12:00] kim: paged networking on-call\n12:20 rolled back the config push\n23:59 all clear, incident closed", await ContextAsync());

        var result = await _commands.ImportAsync(Owner, _cloudflare, preview);

        Assert.Equal(3, result.Count);
        var imported = (await _queries.GetAsync(Actor.System, _cloudflare))!.Events.Where(e => e.Source == EventSource.Import).ToList();
        Assert.Equal([EventKind.Detection, EventKind.Mitigation, EventKind.Resolution], imported.Select(e => e.Kind));
        Assert.Equal(["kim", Owner.Name, Owner.Name], imported.Select(e => e.Author));
        Assert.Equal("paste, line 2", imported[1].SourceReference);
        Assert.Equal([ChangeScope.Incident(_cloudflare)], _notified.Select(c => c.Scope));
    }

    private static DateTime At(int h, int m) => new(2025, 11, 18, h, m, 0, DateTimeKind.Utc);
}

public sealed class TimelineTestsOnPostgreSql : TimelineTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
