using Dashboard.Data.Incidents;
using Dashboard.Data.Search;
using Dashboard.Data.Timeline;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Search;

/// <summary>
/// Full-text search on a real, migrated and seeded store: what the index holds, how it ranks and
/// highlights, the read rule for private incidents inside the query, and the triggers that keep the
/// index in the writing transaction. <see cref="FullTextSearchTestsOnPostgreSql"/> runs them on PostgreSQL.
/// </summary>
public class FullTextSearchTests : DataTest
{
    private const string Cloudflare = "2025-11-18-cloudflare-bot-management";
    private const string Crowdstrike = "2024-07-19-crowdstrike-channel-file-291";
    private static readonly Actor Viewer = Actor.Person("vera@example.com", Role.Viewer) with { UserId = "vera" };

    private FullTextSearch Search => App.Get<FullTextSearch>();

    [Fact]
    public async Task A_word_only_the_postmortem_holds_finds_its_incident_with_the_word_highlighted()
    {
        var answer = await Search.SearchAsync(Viewer, "coincidental");

        Assert.True(answer.IsValid);
        var result = Assert.Single(answer.Results);
        Assert.Equal(Cloudflare, result.Slug);
        var hit = Assert.Single(result.Hits);
        Assert.Equal(SearchSource.Postmortem, hit.Source);
        Assert.Contains(hit.Snippet, p => p.IsMatch && p.Text.Equals("coincidental", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(hit.Snippet, p => !p.IsMatch && p.Text.Length > 10); // words around it
    }

    [Fact]
    public async Task Timeline_events_factors_and_actions_are_searched_and_say_where_they_matched()
    {
        var incidentId = await App.IncidentIdAsync(Crowdstrike);
        await using (var db = App.Database.CreateDbContext())
        {
            var ev = await db.TimelineEvents.Where(e => e.IncidentId == incidentId).OrderBy(e => e.Id).FirstAsync();
            ev.Text = "The zorblax channel file reached the sensors";
            var factor = await db.Factors.Where(f => f.IncidentId == incidentId).OrderBy(f => f.Id).FirstAsync();
            factor.Statement = "No canary stage for quintessor content";
            var action = await db.RemediationActions.Where(a => a.IncidentId == incidentId).OrderBy(a => a.Id).FirstAsync();
            action.Description = "Stage every flumox update";
            await db.SaveChangesAsync();
        }

        Assert.Equal(SearchSource.Timeline, Assert.Single(Assert.Single((await Search.SearchAsync(Viewer, "zorblax")).Results).Hits).Source);
        Assert.Equal(SearchSource.Factor, Assert.Single(Assert.Single((await Search.SearchAsync(Viewer, "quintessor")).Results).Hits).Source);
        Assert.Equal(SearchSource.Action, Assert.Single(Assert.Single((await Search.SearchAsync(Viewer, "flumox")).Results).Hits).Source);
        // Every word must match, in any of the incident's texts.
        Assert.Equal(Crowdstrike, Assert.Single((await Search.SearchAsync(Viewer, "zorblax sensors")).Results).Slug);
        Assert.Empty((await Search.SearchAsync(Viewer, "zorblax quintessor")).Results); // two texts, neither has both
    }

    [Fact]
    public async Task An_incident_whose_title_has_the_word_ranks_above_one_that_mentions_it_in_its_timeline()
    {
        await using (var db = App.Database.CreateDbContext())
        {
            var titled = await db.Incidents.SingleAsync(i => i.Slug == "2025-10-09-azure-front-door");
            titled.Title += " (the quellroth edge)";
            await db.SaveChangesAsync();
        }
        var mention = await App.Get<TimelineCommands>().AddAsync(TestServices.Owner, await App.IncidentIdAsync(Crowdstrike),
            new EventInput { OccurredAt = "2024-07-19 08:00", Kind = EventKind.Note, Text = "Someone asked whether quellroth was involved; it was not." });
        Assert.True(mention.Succeeded, string.Join("; ", mention.Errors.Values));

        var quellroth = await Search.SearchAsync(Viewer, "quellroth");
        var featureFile = await Search.SearchAsync(Viewer, "feature file");

        Assert.Equal(new[] { "2025-10-09-azure-front-door", Crowdstrike }, quellroth.Results.Select(r => r.Slug));
        Assert.Equal(SearchSource.Incident, Assert.Single(quellroth.Results[0].Hits).Source);
        Assert.Equal(Cloudflare, featureFile.Results[0].Slug); // its title, summary, postmortem and timeline all say it
    }

    [Fact]
    public async Task A_private_incident_is_found_only_by_those_who_may_see_it_and_never_counted_for_others()
    {
        var participant = await App.UserAsync("pat@example.com", "Pat", Role.Viewer);
        await using (var db = App.Database.CreateDbContext())
        {
            var incident = await db.Incidents.SingleAsync(i => i.Slug == Cloudflare);
            incident.IsPrivate = true;
            db.IncidentParticipants.Add(new IncidentParticipant { IncidentId = incident.Id, UserId = participant.UserId!, Role = IncidentRole.Member, AddedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        var other = await Search.SearchAsync(Viewer, "coincidental");
        Assert.True(other.IsValid);
        Assert.Empty(other.Results);
        // The incident's other texts are hidden too: events, factors and actions follow their incident.
        Assert.DoesNotContain((await Search.SearchAsync(Viewer, "ClickHouse")).Results, r => r.Slug == Cloudflare);

        Assert.Equal(Cloudflare, Assert.Single((await Search.SearchAsync(participant, "coincidental")).Results).Slug);
        var owner = Assert.Single((await Search.SearchAsync(TestServices.Owner, "coincidental")).Results);
        Assert.True(owner.IsPrivate);
    }

    [Fact]
    public async Task The_index_changes_inside_the_writing_transaction_and_rolls_back_with_it()
    {
        var incidentId = await App.IncidentIdAsync(Crowdstrike);
        await using (var db = App.Database.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.TimelineEvents.Add(new TimelineEvent { IncidentId = incidentId, OccurredAt = DateTime.UtcNow, Kind = EventKind.Note, Text = "a grimblewort appeared", Version = Guid.NewGuid() });
            await db.SaveChangesAsync();
            Assert.Equal(1, await IndexedAsync(db, "grimblewort")); // same transaction, before the commit
            await transaction.RollbackAsync();
            Assert.Equal(0, await IndexedAsync(db, "grimblewort"));
        }

        // Through the door: searchable as soon as the command returns; edits and deletes follow.
        var added = await App.Get<TimelineCommands>().AddAsync(TestServices.Owner, incidentId,
            new EventInput { OccurredAt = "2024-07-19 08:00", Kind = EventKind.Note, Text = "a grimblewort appeared" });
        Assert.True(added.Succeeded);
        Assert.Equal(Crowdstrike, Assert.Single((await Search.SearchAsync(Viewer, "grimblewort")).Results).Slug);
        await using (var db = App.Database.CreateDbContext())
        {
            var ev = await db.TimelineEvents.SingleAsync(e => e.Text == "a grimblewort appeared");
            ev.Text = "a snorkelberry appeared";
            await db.SaveChangesAsync();
        }
        Assert.Empty((await Search.SearchAsync(Viewer, "grimblewort")).Results);
        Assert.Single((await Search.SearchAsync(Viewer, "snorkelberry")).Results);
        await using (var db = App.Database.CreateDbContext())
            await db.Incidents.Where(i => i.Id == incidentId).ExecuteDeleteAsync();
        Assert.Empty((await Search.SearchAsync(Viewer, "snorkelberry")).Results);
        Assert.DoesNotContain((await Search.SearchAsync(TestServices.Owner, "falcon")).Results, r => r.Slug == Crowdstrike);
    }

    [Fact]
    public async Task Every_incident_that_matches_can_fill_the_page_however_many_texts_one_incident_matches_in()
    {
        // One incident says the word in 40 short events, which outrank the two others' single, longer mentions.
        await using (var db = App.Database.CreateDbContext())
        {
            var ids = await db.Incidents.OrderBy(i => i.Id).Select(i => i.Id).Take(3).ToListAsync();
            db.TimelineEvents.AddRange(Enumerable.Range(0, 40).Select(n => new TimelineEvent { IncidentId = ids[0], OccurredAt = DateTime.UtcNow, Kind = EventKind.Note, Text = $"plinth {n}", Version = Guid.NewGuid() }));
            db.TimelineEvents.AddRange(ids.Skip(1).Select(id => new TimelineEvent
            {
                IncidentId = id, OccurredAt = DateTime.UtcNow, Kind = EventKind.Note, Version = Guid.NewGuid(),
                Text = "Somebody mentioned the plinth once, in a long note about many other things that happened that afternoon.",
            }));
            await db.SaveChangesAsync();
        }

        var answer = await Search.SearchAsync(TestServices.Owner, "plinth", limit: 3);

        Assert.Equal(3, answer.Results.Select(r => r.Slug).Distinct().Count());
        Assert.Equal(3, answer.Results[0].Hits.Count); // the best few texts of the first
    }

    [Fact]
    public async Task Beyond_the_ranked_number_of_matching_records_the_newest_the_viewer_sees_come_newest_first_and_the_answer_says_so()
    {
        // The app ranks up to 2,000 matching records (events, factors, actions); 3 stands for them here.
        var bounded = new FullTextSearch(App.Database, rankedRecords: 3);
        Dictionary<int, string> slugOf;
        await using (var db = App.Database.CreateDbContext())
            slugOf = await db.Incidents.OrderBy(i => i.Id).Take(4).ToDictionaryAsync(i => i.Id, i => i.Slug);
        var (older, visible1, visible2, hidden) = (slugOf.Keys.Min(), slugOf.Keys.Order().ElementAt(1), slugOf.Keys.Order().ElementAt(2), slugOf.Keys.Max());
        await using (var db = App.Database.CreateDbContext())
            await db.Incidents.Where(i => i.Id == hidden).ExecuteUpdateAsync(u => u.SetProperty(i => i.IsPrivate, true));
        // Oldest first, each saved alone so the keys grow in this order: the oldest says it most often
        // (the best bm25 and ts_rank), and the private incident wrote the newest three.
        foreach (var (incident, text) in new[] { (older, "quarnet quarnet quarnet"), (visible1, "a quarnet"), (visible2, "one quarnet"),
                     (visible2, "two quarnet"), (hidden, "quarnet 1"), (hidden, "quarnet 2"), (hidden, "quarnet 3") })
        {
            await using var db = App.Database.CreateDbContext();
            db.TimelineEvents.Add(new TimelineEvent { IncidentId = incident, OccurredAt = DateTime.UtcNow, Kind = EventKind.Note, Text = text, Version = Guid.NewGuid() });
            await db.SaveChangesAsync();
        }

        var forViewer = await bounded.SearchAsync(Viewer, "quarnet");
        var forOwner = await bounded.SearchAsync(TestServices.Owner, "quarnet");
        var fewEnough = await bounded.SearchAsync(Viewer, "quarnet quarnet"); // the same texts: only a phrase narrows
        var ranked = await Search.SearchAsync(Viewer, "quarnet");

        // Four visible matches: the newest three, newest first. The private incident's newer texts do not use them up.
        Assert.Equal(3, forViewer.NewestFirst);
        Assert.Equal([slugOf[visible2], slugOf[visible1]], forViewer.Results.Select(r => r.Slug));
        Assert.Equal(2, forViewer.Results[0].Hits.Count);
        Assert.Equal(slugOf[hidden], Assert.Single(forOwner.Results).Slug);
        Assert.Null(ranked.NewestFirst);
        Assert.Equal(slugOf[older], ranked.Results[0].Slug); // ranked: the one that says it most often first
        Assert.Equal(new[] { slugOf[visible1], slugOf[visible2] }.Order(), ranked.Results.Skip(1).Select(r => r.Slug).Order());
        Assert.Equal(3, fewEnough.NewestFirst);
        var phrase = await bounded.SearchAsync(Viewer, "\"quarnet quarnet\"");
        Assert.Null(phrase.NewestFirst);
        Assert.Equal(slugOf[older], Assert.Single(phrase.Results).Slug);
    }

    [Theory]
    [InlineData("\"unbalanced quote")]
    [InlineData("NEAR(bot management) OR title:proxy")]
    [InlineData("feature* -file ^bot")]
    [InlineData("a & b | !c <-> d:*")]
    [InlineData("(( ))) \\ ' ;")]
    public async Task Query_syntax_of_either_store_is_read_as_words_not_as_syntax(string text)
    {
        var answer = await Search.SearchAsync(Viewer, text); // would throw if the store parsed it

        Assert.True(answer.IsValid || answer.Error!.Contains("letters and digits"), answer.Error);
    }

    [Theory]
    [InlineData("", "Type a word")]
    [InlineData("   ", "Type a word")]
    [InlineData("*** ???", "letters and digits")]
    public async Task Text_that_cannot_be_searched_is_answered_with_a_reason(string text, string reason)
    {
        var answer = await Search.SearchAsync(Viewer, text);
        Assert.False(answer.IsValid);
        Assert.Contains(reason, answer.Error);
        Assert.Empty(answer.Results);
        Assert.Contains("at most 200", (await Search.SearchAsync(Viewer, new string('a', 201))).Error);
    }

    /// <summary>Indexed records (events, factors, actions) matching one word, read in the caller's connection and transaction.</summary>
    private async Task<int> IndexedAsync(IncidentBoardDbContext db, string word) => Store == DatabaseProvider.PostgreSQL
        ? await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM \"SearchDocuments\" WHERE \"Document\" @@ to_tsquery('english', {word})").SingleAsync()
        : await db.Database.SqlQuery<int>($"SELECT count(*) AS \"Value\" FROM \"SearchRecords\" WHERE \"SearchRecords\" MATCH {word}").SingleAsync();
}

public sealed class FullTextSearchTestsOnPostgreSql : FullTextSearchTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
