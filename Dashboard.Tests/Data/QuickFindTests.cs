using Dashboard.Data.Search;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Catalog;
using Dashboard.Data.Incidents;
using Dashboard.Api;

namespace Dashboard.Tests.Data;

/// <summary>The Ctrl+K switcher's search on real SQLite with the seeded incidents.</summary>
public class QuickFindTests : IAsyncLifetime
{
    /// <summary>The database these tests run on; <see cref="QuickFindTestsOnPostgreSql"/> runs them all again on PostgreSQL.</summary>
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    private static readonly Actor Viewer = Actor.Person("vera@example.com", Role.Viewer) with { UserId = "vera" };
    private TestServices _app = default!;
    private QuickFind Find => _app.Get<QuickFind>();

    public async Task InitializeAsync() => _app = await TestServices.CreateAsync(Store);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Incidents_are_found_by_title_or_slug_and_open_their_page()
    {
        var byTitle = await Find.FindAsync(Viewer, "bot management feature");
        var bySlug = await Find.FindAsync(Viewer, "2025-11-18-cloudflare");

        var hit = Assert.Single(byTitle, h => h.Kind == QuickFindKind.Incident);
        Assert.Equal("incidents/2025-11-18-cloudflare-bot-management", hit.Path);
        Assert.Contains("SEV1", hit.Detail);
        Assert.Equal(hit, bySlug.First(h => h.Kind == QuickFindKind.Incident));
    }

    [Fact]
    public async Task Services_are_found_by_name_or_key_and_actions_by_title()
    {
        var byKey = await Find.FindAsync(Viewer, "cf-bot-management");
        Assert.Contains(byKey, h => h.Kind == QuickFindKind.Service && h.Path == "services/cf-bot-management");

        string actionTitle;
        await using (var db = _app.Database.CreateDbContext())
            actionTitle = await db.RemediationActions.OrderBy(a => a.Id).Select(a => a.Title).FirstAsync();
        var actions = await Find.FindAsync(Viewer, actionTitle);
        Assert.Contains(actions, h => h.Kind == QuickFindKind.Action && h.Title == actionTitle && h.Path.EndsWith("?tab=actions"));
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\\")]
    public async Task Wildcards_in_the_text_are_matched_as_characters(string text)
    {
        Assert.Empty(await Find.FindAsync(Viewer, text));
    }

    [Fact]
    public async Task Results_are_limited_per_kind_and_blank_text_finds_nothing()
    {
        var many = await Find.FindAsync(Viewer, "e");
        Assert.All(many.GroupBy(h => h.Kind), g => Assert.True(g.Count() <= QuickFind.MaxPerKind));
        Assert.Equal(QuickFind.MaxPerKind, many.Count(h => h.Kind == QuickFindKind.Incident));
        Assert.Empty(await Find.FindAsync(Viewer, "   "));
    }

    [Fact]
    public async Task A_private_incident_and_its_actions_are_found_only_by_those_who_may_see_it()
    {
        await using (var db = _app.Database.CreateDbContext())
        {
            var incident = await db.Incidents.SingleAsync(i => i.Slug == "2025-11-18-cloudflare-bot-management");
            incident.IsPrivate = true;
            await db.SaveChangesAsync();
        }
        string actionTitle;
        await using (var db = _app.Database.CreateDbContext())
            actionTitle = await db.RemediationActions.Where(a => a.Incident!.Slug == "2025-11-18-cloudflare-bot-management").Select(a => a.Title).FirstAsync();

        Assert.DoesNotContain(await Find.FindAsync(Viewer, "bot management"), h => h.Kind == QuickFindKind.Incident);
        Assert.DoesNotContain(await Find.FindAsync(Viewer, actionTitle), h => h.Path.StartsWith("incidents/2025-11-18-cloudflare-bot-management"));
        Assert.Contains(await Find.FindAsync(TestServices.Owner, "bot management"), h => h.Kind == QuickFindKind.Incident);
    }
}

public sealed class QuickFindTestsOnPostgreSql : QuickFindTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
