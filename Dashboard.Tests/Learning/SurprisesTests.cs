using Dashboard.Data.Incidents;
using Dashboard.Data.Postmortems;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Learning;

/// <summary>"What surprised us" as a field of its own, on a real database: the seeded text, the door's rules, the generated section and the checks.</summary>
public class SurprisesTests : DataTest
{
    private const string Cloudflare = "2025-11-18-cloudflare-bot-management";
    private const string AzureOctober9 = "2025-10-09-azure-front-door";
    private static readonly Actor Ana = Actor.Person("ana", Role.Responder);

    private PostmortemQueries Queries => App.Get<PostmortemQueries>();
    private PostmortemCommands Commands => App.Get<PostmortemCommands>();

    [Fact]
    public async Task The_seeded_outages_carry_what_surprised_us_only_where_their_postmortems_said_it()
    {
        var cloudflare = (await Queries.SurprisesAsync(Actor.System, await App.IncidentIdAsync(Cloudflare)))!;
        var azure = (await Queries.SurprisesAsync(Actor.System, await App.IncidentIdAsync(AzureOctober9)))!;

        Assert.StartsWith("In our reading of Cloudflare's account [CF1]:", cloudflare.Text);
        Assert.Contains("A failure that came and went.", cloudflare.Text);
        Assert.Null(azure.Text);
        var record = (await Queries.GetRecordAsync(Actor.System, await App.IncidentIdAsync(Cloudflare)))!;
        var markdown = (await Queries.GetAsync(Actor.System, Cloudflare))!.Markdown;
        Assert.Contains("## What surprised us\n\n{{surprises}}\n", markdown);
        Assert.Contains("- **A failure that came and went.**", GeneratedSections.Expand(markdown, record));
    }

    [Fact]
    public async Task Saving_it_goes_through_the_door_is_audited_and_refuses_a_stale_version_a_locked_postmortem_and_an_outsider()
    {
        var id = await App.IncidentIdAsync(AzureOctober9);
        var field = (await Queries.SurprisesAsync(Actor.System, id))!;

        var saved = await Commands.SetSurprisesAsync(Ana, id, field.Version, "  The health checks passed.  ");
        var stale = await Commands.SetSurprisesAsync(Ana, id, field.Version, "Other");

        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Values));
        Assert.Equal(Outcome.Conflict, stale.Outcome);
        field = (await Queries.SurprisesAsync(Actor.System, id))!;
        Assert.Equal("The health checks passed.", field.Text);
        await using (var db = App.Database.CreateDbContext())
        {
            var entry = await db.AuditEntries.Where(a => a.IncidentId == id && a.Action == AuditActions.PostmortemSaved).OrderBy(a => a.Id).LastAsync();
            Assert.Contains("\"field\":\"WhatSurprisedUs\"", entry.Changes);
            Assert.Equal("ana", entry.Actor);
        }

        var outsider = await App.UserAsync("vera@example.com", "Vera", Role.Responder);
        Assert.True((await App.Get<IncidentAccessCommands>().SetPrivateAsync(TestServices.Owner, id, true)).Succeeded);
        field = (await Queries.SurprisesAsync(TestServices.Owner, id))!;
        Assert.Null(await Queries.SurprisesAsync(outsider, id));
        Assert.Equal(Outcome.NotFound, (await Commands.SetSurprisesAsync(outsider, id, field.Version, "x")).Outcome);

        var draft = (await Queries.GetAsync(TestServices.Owner, id))!;
        Assert.True((await Commands.TransitionAsync(TestServices.Owner, id, draft.Status, PostmortemStatus.InReview, null)).Succeeded);
        Assert.True((await Commands.TransitionAsync(TestServices.Owner, id, PostmortemStatus.InReview, PostmortemStatus.Published, null)).Succeeded);
        field = (await Queries.SurprisesAsync(TestServices.Owner, id))!;
        Assert.Equal(Outcome.Invalid, (await Commands.SetSurprisesAsync(TestServices.Owner, id, field.Version, "x")).Outcome);
    }

    [Fact]
    public async Task The_template_section_counts_as_written_only_once_the_field_has_text()
    {
        var id = await App.IncidentIdAsync(AzureOctober9);
        var template = PostmortemTemplate.Build("Outage");
        Assert.Contains("## What surprised us\n\n_What nobody expected", template);
        Assert.Contains("{{surprises}}", template);
        var before = (await Queries.GetRecordAsync(Actor.System, id))!;

        var field = (await Queries.SurprisesAsync(Actor.System, id))!;
        Assert.True((await Commands.SetSurprisesAsync(Ana, id, field.Version, "The health checks passed.")).Succeeded);
        var after = (await Queries.GetRecordAsync(Actor.System, id))!;

        Assert.Contains("“What surprised us” is empty.", Problems(before, template));
        Assert.DoesNotContain("“What surprised us” is empty.", Problems(after, template));
        Assert.Contains("The health checks passed.", GeneratedSections.Expand(template, after));
    }

    [Fact]
    public async Task What_surprised_us_is_searched_with_the_incidents_own_text()
    {
        var id = await App.IncidentIdAsync(AzureOctober9);
        var field = (await Queries.SurprisesAsync(Actor.System, id))!;
        var search = App.Get<Dashboard.Data.Search.FullTextSearch>();
        Assert.Empty((await search.SearchAsync(Actor.System, "platypus")).Results);

        Assert.True((await Commands.SetSurprisesAsync(Ana, id, field.Version, "The platypus cache never warmed.")).Succeeded);

        var result = Assert.Single((await search.SearchAsync(Actor.System, "platypus")).Results);
        Assert.Equal(AzureOctober9, result.Slug);
        Assert.Equal(Dashboard.Data.Search.SearchSource.Incident, Assert.Single(result.Hits).Source);
    }

    private static string Problems(PostmortemRecord record, string markdown) =>
        string.Join("\n", QualityChecks.Run(record, markdown).Checks.Single(c => c.Key == "empty-sections").Problems.Select(p => p.Message));
}

public sealed class SurprisesTestsOnPostgreSql : SurprisesTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
