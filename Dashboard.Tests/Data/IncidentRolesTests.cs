using Dashboard.Data.Actions;
using Dashboard.Data.Identity;
using Dashboard.Data.Incidents;
using Dashboard.Data.MyWork;
using Dashboard.Data.Postmortems;
using Dashboard.Tests.Infrastructure;
using Dashboard.Account;
using Dashboard.Api;

namespace Dashboard.Tests.Data;

/// <summary>Incident roles held by users, action owners chosen from users, who created an action, and the "My work" page's query, on real SQLite.</summary>
public class IncidentRolesTests : IAsyncLifetime
{
    /// <summary>The database these tests run on; <see cref="IncidentRolesTestsOnPostgreSql"/> runs them all again on PostgreSQL.</summary>
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    private const string Cloudflare = "2025-11-18-cloudflare-bot-management";
    private TestServices _app = default!;
    private int _incident;
    private Actor _rita = default!;
    private Actor _sam = default!;

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync(Store);
        _incident = await _app.IncidentIdAsync(Cloudflare);
        _rita = await _app.UserAsync("rita@example.com", "Rita Responder", Role.Responder);
        _sam = await _app.UserAsync("sam@example.com", "Sam Scribe", Role.Responder);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private IncidentAccessCommands Access => _app.Get<IncidentAccessCommands>();

    [Fact]
    public async Task Roles_are_held_by_one_user_each_and_shown_with_the_incident()
    {
        Assert.True((await Access.AssignRoleAsync(_rita, _incident, IncidentRole.Commander, _rita.UserId)).Succeeded);
        Assert.True((await Access.AssignRoleAsync(_rita, _incident, IncidentRole.Scribe, _sam.UserId)).Succeeded);
        Assert.True((await Access.AssignRoleAsync(_rita, _incident, IncidentRole.Commander, _sam.UserId)).Succeeded);

        var detail = (await _app.Get<IncidentQueries>().GetAsync(_rita, Cloudflare))!;
        Assert.Equal("Sam Scribe", detail.Holder(IncidentRole.Commander)!.DisplayName);
        Assert.Equal("Sam Scribe", detail.CommanderName);
        Assert.Equal("Sam Scribe", detail.Holder(IncidentRole.Scribe)!.DisplayName);
        Assert.Null(detail.Holder(IncidentRole.CommsLead));

        Assert.True((await Access.AssignRoleAsync(_rita, _incident, IncidentRole.Commander, null)).Succeeded);
        detail = (await _app.Get<IncidentQueries>().GetAsync(_rita, Cloudflare))!;
        Assert.Null(detail.Holder(IncidentRole.Commander));
    }

    [Fact]
    public async Task A_role_cannot_go_to_a_disabled_or_unknown_account()
    {
        Assert.True((await _app.Get<UserCommands>().SetDisabledAsync(TestServices.Owner, _sam.UserId!, true)).Succeeded);
        var refused = await Access.AssignRoleAsync(_rita, _incident, IncidentRole.CommsLead, _sam.UserId);
        Assert.Equal(Outcome.Invalid, refused.Outcome);
        Assert.Contains("no enabled account", refused.Errors["User"]);
        Assert.Equal(Outcome.Invalid, (await Access.AddMemberAsync(_rita, _incident, "no-such-user")).Outcome);
    }

    [Fact]
    public async Task An_owner_chosen_from_users_shows_their_name_and_free_text_stays_possible()
    {
        var actions = _app.Get<ActionCommands>();
        var owned = await actions.CreateAsync(_rita, _incident, new ActionInput { Title = "Cap the feature file size", OwnerUserId = _sam.UserId, Owner = "ignored" });
        var typed = await actions.CreateAsync(_rita, _incident, new ActionInput { Title = "Tell the partner", Owner = "Pat (partner)" });
        Assert.True(owned.Succeeded && typed.Succeeded);

        var rows = (await _app.Get<ActionQueries>().ListAsync(_rita, new ActionQuery(IncidentId: _incident, PageSize: 100))).Items;
        var a = rows.Single(r => r.Id == owned.Id);
        var b = rows.Single(r => r.Id == typed.Id);
        Assert.Equal(("Sam Scribe", true), (a.Owner, a.OwnerHasAccount));
        Assert.Equal(("Pat (partner)", false), (b.Owner, b.OwnerHasAccount));

        await using var db = _app.Database.CreateDbContext();
        var stored = db.RemediationActions.Single(x => x.Id == owned.Id);
        Assert.Equal(("Rita Responder", _rita.UserId), (stored.CreatedBy, stored.CreatedByUserId));
    }

    [Fact]
    public async Task My_work_lists_my_open_actions_my_roles_and_for_admins_the_reviews_waiting()
    {
        await _app.Get<ActionCommands>().CreateAsync(_rita, _incident, new ActionInput { Title = "Mine, overdue", OwnerUserId = _sam.UserId, DueDate = new DateOnly(2025, 12, 1) });
        var done = await _app.Get<ActionCommands>().CreateAsync(_rita, _incident, new ActionInput { Title = "Mine, done", OwnerUserId = _sam.UserId, Status = ActionStatus.Done });
        await _app.Get<ActionCommands>().CreateAsync(_rita, _incident, new ActionInput { Title = "Someone else's", OwnerUserId = _rita.UserId });
        await Access.AssignRoleAsync(_rita, _incident, IncidentRole.Scribe, _sam.UserId);
        await _app.Get<PostmortemCommands>().TransitionAsync(_rita, _incident, PostmortemStatus.Draft, PostmortemStatus.InReview, "ready");

        var mine = await _app.Get<MyWorkQueries>().GetAsync(_sam);
        var action = Assert.Single(mine.Actions);
        Assert.Equal("Mine, overdue", action.Title);
        Assert.True(action.IsOverdue);
        var incident = Assert.Single(mine.Incidents);
        Assert.Equal((Cloudflare, IncidentRole.Scribe), (incident.Slug, Assert.Single(incident.Roles)));
        Assert.Null(mine.Reviews);
        Assert.True(done.Succeeded);

        var admin = await _app.UserAsync("ada@example.com", "Ada Admin", Role.Admin);
        var waiting = Assert.Single((await _app.Get<MyWorkQueries>().GetAsync(admin)).Reviews!);
        Assert.Equal((Cloudflare, "Rita Responder"), (waiting.Slug, waiting.SubmittedBy));
    }
}

public sealed class IncidentRolesTestsOnPostgreSql : IncidentRolesTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
