using Dashboard.Data.Postmortems;
using Dashboard.Data.Questions;
using Dashboard.Data.Search;
using Dashboard.Data.Timeline;
using Dashboard.Data.Incidents;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Questions;

/// <summary>Questions for the review meeting on a real database: the door's rules, the read rule, the index and the generated section.</summary>
public class QuestionTests : DataTest
{
    private const string Cloudflare = "2025-11-18-cloudflare-bot-management";
    private static readonly Actor Ana = Actor.Person("ana", Role.Responder);

    private QuestionCommands Commands => App.Get<QuestionCommands>();
    private QuestionQueries Queries => App.Get<QuestionQueries>();

    private async Task<(int EventId, int OtherEventId)> EventsAsync(int incidentId)
    {
        await using var db = App.Database.CreateDbContext();
        var ev = await db.TimelineEvents.Where(e => e.IncidentId == incidentId).OrderBy(e => e.OccurredAt).Select(e => e.Id).FirstAsync();
        var other = await db.TimelineEvents.Where(e => e.IncidentId != incidentId).Select(e => e.Id).FirstAsync();
        return (ev, other);
    }

    [Fact]
    public async Task Asking_answering_reopening_and_removing_a_question_go_through_the_door_and_are_audited()
    {
        var id = await App.IncidentIdAsync(Cloudflare);
        var (eventId, _) = await EventsAsync(id);

        var asked = await Commands.AskAsync(Ana, id, new QuestionInput { Text = " Why did the file double in size? ", EventId = eventId });
        Assert.True(asked.Succeeded, string.Join("; ", asked.Errors.Values));
        var question = Assert.Single(await Queries.ListAsync(Actor.System, id));
        Assert.Equal(("Why did the file double in size?", eventId, "ana", false), (question.Text, question.EventId, question.AskedBy, question.IsAnswered));
        Assert.Equal(1, (await Queries.CountsByEventAsync(Actor.System, id))[eventId]);

        var answered = await Commands.AnswerAsync(Ana, id, question.Id, question.Version, " A metadata query returned each column twice. ");
        Assert.True(answered.Succeeded);
        var stale = await Commands.ReopenAsync(Ana, id, question.Id, question.Version);
        Assert.Equal(Outcome.Conflict, stale.Outcome);
        question = Assert.Single(await Queries.ListAsync(Actor.System, id));
        Assert.Equal(("A metadata query returned each column twice.", "ana", true), (question.Answer, question.AnsweredBy, question.IsAnswered));

        Assert.True((await Commands.ReopenAsync(Ana, id, question.Id, question.Version)).Succeeded);
        question = Assert.Single(await Queries.ListAsync(Actor.System, id));
        Assert.Equal((null, null, false), (question.Answer, question.AnsweredAt, question.IsAnswered));
        Assert.True((await Commands.DeleteAsync(Ana, id, question.Id, question.Version)).Succeeded);
        Assert.Empty(await Queries.ListAsync(Actor.System, id));

        await using var db = App.Database.CreateDbContext();
        var trail = await db.AuditEntries.Where(a => a.EntityType == "question" && a.EntityKey == question.Id.ToString()).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AuditActions.QuestionAsked, AuditActions.QuestionAnswered, AuditActions.QuestionReopened, AuditActions.QuestionDeleted], trail.Select(a => a.Action));
        Assert.All(trail, a => Assert.Equal((id, "ana"), (a.IncidentId, a.Actor)));
    }

    [Fact]
    public async Task An_empty_question_an_event_of_another_incident_an_empty_answer_and_a_viewer_are_refused()
    {
        var id = await App.IncidentIdAsync(Cloudflare);
        var (_, otherEvent) = await EventsAsync(id);

        var empty = await Commands.AskAsync(Ana, id, new QuestionInput { Text = "  " });
        var foreign = await Commands.AskAsync(Ana, id, new QuestionInput { Text = "Why?", EventId = otherEvent });
        var viewer = await Commands.AskAsync(Actor.Person("vic", Role.Viewer), id, new QuestionInput { Text = "Why?" });
        var asked = await Commands.AskAsync(Ana, id, new QuestionInput { Text = "Why?" });
        var noAnswer = await Commands.AnswerAsync(Ana, id, asked.Id!.Value, asked.Version!.Value, " ");

        Assert.True(empty.Errors.ContainsKey(nameof(QuestionInput.Text)));
        Assert.True(foreign.Errors.ContainsKey(nameof(QuestionInput.EventId)));
        Assert.Equal(Outcome.Forbidden, viewer.Outcome);
        Assert.Equal(Outcome.Invalid, noAnswer.Outcome);
    }

    [Fact]
    public async Task Deleting_the_event_keeps_its_question_about_the_incident()
    {
        var id = await App.IncidentIdAsync(Cloudflare);
        var entry = (await App.Get<TimelineQueries>().GetAsync(Actor.System, id))!.Events[0];
        Assert.True((await Commands.AskAsync(Ana, id, new QuestionInput { Text = "Who saw this first?", EventId = entry.Id })).Succeeded);

        Assert.True((await App.Get<TimelineCommands>().DeleteAsync(Ana, id, entry.Id, entry.Version)).Succeeded);

        var question = Assert.Single(await Queries.ListAsync(Actor.System, id));
        Assert.Equal(("Who saw this first?", null), (question.Text, question.EventId));
    }

    [Fact]
    public async Task A_private_incidents_questions_are_not_shown_asked_or_answered_by_someone_outside_it()
    {
        var id = await App.IncidentIdAsync(Cloudflare);
        var asked = await Commands.AskAsync(Ana, id, new QuestionInput { Text = "Secret question" });
        var outsider = await App.UserAsync("vera@example.com", "Vera", Role.Responder);
        Assert.True((await App.Get<IncidentAccessCommands>().SetPrivateAsync(TestServices.Owner, id, true)).Succeeded);

        Assert.Empty(await Queries.ListAsync(outsider, id));
        Assert.Equal(Outcome.NotFound, (await Commands.AskAsync(outsider, id, new QuestionInput { Text = "x" })).Outcome);
        Assert.Equal(Outcome.NotFound, (await Commands.AnswerAsync(outsider, id, asked.Id!.Value, asked.Version!.Value, "y")).Outcome);
        Assert.Equal(Outcome.NotFound, (await Commands.DeleteAsync(outsider, id, asked.Id!.Value, asked.Version!.Value)).Outcome);
        Assert.Single(await Queries.ListAsync(TestServices.Owner, id));
    }

    [Fact]
    public async Task A_question_and_its_answer_are_searchable_in_the_same_transaction_and_leave_the_index_when_removed()
    {
        var id = await App.IncidentIdAsync(Cloudflare);
        var search = App.Get<FullTextSearch>();
        var asked = await Commands.AskAsync(Ana, id, new QuestionInput { Text = "Was the quokka alarm muted?" });

        var hit = Assert.Single(Assert.Single((await search.SearchAsync(Actor.System, "quokka")).Results).Hits);
        Assert.Equal(SearchSource.Question, hit.Source);
        Assert.True((await Commands.AnswerAsync(Ana, id, asked.Id!.Value, asked.Version!.Value, "No, the wombat pager was off.")).Succeeded);
        Assert.Equal(Cloudflare, Assert.Single((await search.SearchAsync(Actor.System, "wombat")).Results).Slug);

        var question = Assert.Single(await Queries.ListAsync(Actor.System, id));
        Assert.True((await Commands.DeleteAsync(Ana, id, question.Id, question.Version)).Succeeded);
        Assert.Empty((await search.SearchAsync(Actor.System, "quokka")).Results);
    }

    [Fact]
    public async Task The_questions_section_lists_open_questions_first_and_answers_under_theirs()
    {
        var id = await App.IncidentIdAsync(Cloudflare);
        var first = await Commands.AskAsync(Ana, id, new QuestionInput { Text = "Answered one" });
        Assert.True((await Commands.AnswerAsync(Ana, id, first.Id!.Value, first.Version!.Value, "Because.")).Succeeded);
        Assert.True((await Commands.AskAsync(Ana, id, new QuestionInput { Text = "Open one" })).Succeeded);
        var record = (await App.Get<PostmortemQueries>().GetRecordAsync(Actor.System, id))!;

        var expanded = GeneratedSections.Expand("## Questions\n\n{{questions}}\n", record);

        Assert.Contains("- [ ] Open one — ana\n- [x] Answered one — ana\n  - Answer: Because. — ana", expanded);
    }
}

public sealed class QuestionTestsOnPostgreSql : QuestionTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
