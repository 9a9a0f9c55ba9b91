using Dashboard.Data.ApiKeys;
using Dashboard.Data.Audit;
using Dashboard.Data.Incidents;
using Dashboard.Data.Learning;
using Dashboard.Data.Postmortems;
using Dashboard.Data.Timeline;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Dashboard.Account;
using Dashboard.Api;

namespace Dashboard.Tests.Data;

/// <summary>
/// A public incident linked to a private one (the 18 November Cloudflare incident, made private with
/// one responder as its member): the private slug (its date and title words) must not reach a reader
/// of the public incident through its export, its History, or the answer to a failed write, and a
/// participant of the private incident still sees the link everywhere.
/// </summary>
public class PrivateLinkTests : IAsyncLifetime
{
    /// <summary>The database these tests run on; <see cref="PrivateLinkTestsOnPostgreSql"/> runs them all again on PostgreSQL.</summary>
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    private const string Private = "2025-11-18-cloudflare-bot-management";
    private const string Public = "2025-10-20-aws-us-east-1-dynamodb-dns";
    private const string December = "2025-12-05-cloudflare-waf-killswitch";
    private const string Missing = "2025-11-18-cloudflare-bot-managemenx";
    private TestServices _app = default!;
    private int _public;
    private Actor _viewer = default!;
    private Actor _outsider = default!;
    private Actor _participant = default!;
    private Actor _admin = default!;

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync(Store);
        _public = await _app.IncidentIdAsync(Public);
        var privateId = await _app.IncidentIdAsync(Private);
        _viewer = await _app.UserAsync("vera@example.com", "Vera Viewer", Role.Viewer);
        _outsider = await _app.UserAsync("rex@example.com", "Rex Responder", Role.Responder);
        _participant = await _app.UserAsync("rita@example.com", "Rita Responder", Role.Responder);
        _admin = await _app.UserAsync("ada@example.com", "Ada Admin", Role.Admin);
        var access = _app.Get<IncidentAccessCommands>();
        Assert.True((await access.AddMemberAsync(TestServices.Owner, privateId, _participant.UserId!)).Succeeded);
        Assert.True((await access.SetPrivateAsync(TestServices.Owner, privateId, true)).Succeeded);
        // A participant of the private incident links the public one to it.
        var linked = await _app.Get<IncidentLinkCommands>().AddAsync(_participant, _public, IncidentLinkKind.RelatedTo, Private);
        Assert.True(linked.Succeeded, string.Join("; ", linked.Errors.Values));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_public_incidents_markdown_export_names_the_private_one_only_to_its_participants()
    {
        var files = _app.Get<PostmortemFiles>();

        var seenByViewer = (await files.ExportMarkdownAsync(_viewer, Public))!.Content;
        var seenByParticipant = (await files.ExportMarkdownAsync(_participant, Public))!.Content;

        Assert.DoesNotContain(Private, seenByViewer);
        Assert.DoesNotContain("links:", seenByViewer); // its only link leads to the private incident
        Assert.Contains($"slug: {Private}", seenByParticipant);
        Assert.Contains($"slug: {Private}", (await files.ExportMarkdownAsync(_admin, Public))!.Content);
    }

    [Fact]
    public async Task The_public_incidents_history_names_the_private_one_only_to_those_who_see_it()
    {
        var audit = _app.Get<AuditQueries>();
        var history = new AuditQuery(IncidentId: _public, PageSize: 200);

        var viewer = await audit.ListAsync(_viewer, history);
        var participant = await audit.ListAsync(_participant, history);
        var exported = await audit.ExportAsync(_viewer, history).ToListAsync();

        var hidden = Assert.Single(viewer.Items, e => e.Action == "incident_link.created");
        Assert.Equal($"{Public} related-to {AuditQueries.HiddenIncident}", hidden.EntityKey);
        Assert.Equal(AuditQueries.HiddenIncident, Assert.Single(hidden.Changes).New);
        Assert.DoesNotContain(viewer.Items.Concat(exported), e => Text(e).Contains(Private));
        Assert.Equal($"{Public} related-to {Private}", Assert.Single(participant.Items, e => e.Action == "incident_link.created").EntityKey);
        // Admins (the audit page, its CSV and the API) read the entry as written.
        var admin = await audit.ListAsync(_admin, new AuditQuery(Action: "incident_link.created", PageSize: 200));
        Assert.Contains(admin.Items, e => e.IncidentId == _public && Text(e).Contains(Private));
    }

    [Fact]
    public async Task The_history_names_people_and_key_owners_by_name_below_admin_and_by_address_to_admins()
    {
        var key = new ApiKeyIdentity(1, "deploy bot", "ib_test", _participant.UserId!, "rita@example.com", Role.Responder).Actor;
        var added = await _app.Get<TimelineCommands>().AddAsync(key, _public, new EventInput { OccurredAt = "2025-10-20 09:00", Text = "Deploy paused", Kind = EventKind.Note });
        Assert.True(added.Succeeded, string.Join("; ", added.Errors.Values));
        var history = new AuditQuery(IncidentId: _public, PageSize: 200);
        var anonymous = Actor.Person("anonymous", Role.Viewer); // a signed-out wall display

        foreach (var reader in new[] { _viewer, anonymous })
        {
            var items = (await _app.Get<AuditQueries>().ListAsync(reader, history)).Items;
            Assert.Equal("Rita Responder", items.Single(e => e.Action == "incident_link.created").Actor);
            Assert.Equal("API key deploy bot (owner Rita Responder)", items.Single(e => e.Action == "timeline_event.created").Actor);
            Assert.DoesNotContain(items, e => e.Actor.Contains('@'));
        }
        var admin = (await _app.Get<AuditQueries>().ListAsync(_admin, history)).Items;
        Assert.Equal("rita@example.com", admin.Single(e => e.Action == "incident_link.created").Actor);
        Assert.Equal("API key deploy bot (owner rita@example.com)", admin.Single(e => e.Action == "timeline_event.created").Actor);
    }

    [Fact]
    public async Task Linking_to_a_private_slug_from_the_page_answers_as_for_a_slug_that_does_not_exist()
    {
        var links = _app.Get<IncidentLinkCommands>();

        // A repeat of what started later is refused with that incident's start time: the private one's would show.
        var guessed = await links.AddAsync(_outsider, _public, IncidentLinkKind.Repeats, Private);
        var missing = await links.AddAsync(_outsider, _public, IncidentLinkKind.Repeats, Missing);
        var participant = await links.AddAsync(_participant, _public, IncidentLinkKind.Repeats, Private);

        Assert.Equal(Answer(missing, Missing), Answer(guessed, Private));
        Assert.Equal(Outcome.Invalid, participant.Outcome);
        Assert.StartsWith($"'{Private}' started at 2025-11-18", participant.Errors["To"]);
    }

    [Fact]
    public async Task An_imports_link_to_a_private_slug_answers_as_for_a_slug_that_does_not_exist()
    {
        var files = _app.Get<PostmortemFiles>();
        // December's record (it repeats the private incident) under a new address; its catalog services all exist.
        var copy = (await files.ExportMarkdownAsync(Actor.System, December))!.Content.Replace($"slug: {December}", "slug: 2025-12-05-copy");
        Assert.Contains($"slug: {Private}", copy);

        var guessed = await files.ImportAsync(_outsider, copy);
        var missing = await files.ImportAsync(_outsider, copy.Replace($"slug: {Private}", $"slug: {Missing}"));

        Assert.Equal(Outcome.Invalid, missing.Outcome);
        Assert.Equal(Answer(missing, Missing), Answer(guessed, Private));
        Assert.Contains(guessed.Errors.Values, e => e.StartsWith($"links[0].slug: there is no incident '{Private}'"));
        await using var db = _app.Database.CreateDbContext();
        Assert.False(await db.Incidents.AnyAsync(i => i.Slug == "2025-12-05-copy"));
        // Its participant may link to it, so the same file goes in for them.
        var imported = await files.ImportAsync(_participant, copy);
        Assert.True(imported.Succeeded, string.Join("; ", imported.Errors.Values));
    }

    /// <summary>Everything a refusal says, with the slug it was about replaced, so two answers can be compared.</summary>
    private static string Answer(CommandResult result, string slug) =>
        $"{result.Outcome}: {string.Join(" | ", result.Errors.OrderBy(e => e.Key).Select(e => $"{e.Key}={e.Value}"))}".Replace(slug, "<slug>");

    private static string Text(AuditRow e) => $"{e.EntityKey} {string.Join(" ", e.Changes.Select(c => $"{c.Old} {c.New}"))}";
}

public sealed class PrivateLinkTestsOnPostgreSql : PrivateLinkTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
