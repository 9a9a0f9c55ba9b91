using Dashboard.Data.Identity;
using Dashboard.Data.Actions;
using Dashboard.Data.Audit;
using Dashboard.Data.Catalog;
using Dashboard.Data.Impact;
using Dashboard.Data.Incidents;
using Dashboard.Data.Postmortems;
using Dashboard.Data.Timeline;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Dashboard.Account;
using Dashboard.Api;

namespace Dashboard.Tests.Data;

/// <summary>
/// Every command passes the one door: it is audited with the right actor, action and fields,
/// announced to the right scope, refused for a role that may not run it, and a stale version
/// writes nothing. Each case below is one command, run against the seeded Cloudflare incident.
/// </summary>
public class DoorTests : DataTest
{
    private const string Cloudflare = "2025-11-18-cloudflare-bot-management";
    private Rows _rows = default!;

    protected override async Task SetUpAsync() => _rows = await Rows.ReadAsync(App);

    /// <summary>The ids and versions of rows of the seeded Cloudflare incident that commands change.</summary>
    public sealed record Rows(int Incident, Guid IncidentVersion, Guid PostmortemVersion, int Event, Guid EventVersion, int Window, Guid WindowVersion,
        int Action, Guid ActionVersion, int Service, Guid ServiceVersion, int UnusedService, int OtherService, string Person)
    {
        public static async Task<Rows> ReadAsync(TestServices app)
        {
            // Someone to give incident roles and memberships to.
            var person = await app.Get<UserCommands>().CreateAsync(TestServices.Owner,
                new NewUserInput { Email = "pat@example.com", DisplayName = "Pat Person", Role = Role.Viewer, Password = "a long enough password" });
            Assert.True(person.Succeeded);
            var personId = (await app.Get<UserQueries>().ListAsync()).Single(u => u.Email == "pat@example.com").Id;
            await using var db = app.Database.CreateDbContext();
            var i = await db.Incidents.SingleAsync(x => x.Slug == Cloudflare);
            var e = await db.TimelineEvents.Where(x => x.IncidentId == i.Id).OrderBy(x => x.Id).FirstAsync();
            var w = await db.ServiceImpacts.Where(x => x.IncidentId == i.Id).OrderBy(x => x.Id).FirstAsync();
            var a = await db.RemediationActions.Where(x => x.IncidentId == i.Id).OrderBy(x => x.Id).FirstAsync();
            var s = await db.Services.SingleAsync(x => x.Id == w.ServiceId);
            // A service no incident refers to, so it can be removed; and another to depend on.
            var used = db.ServiceImpacts.Select(x => x.ServiceId).Concat(db.TimelineEvents.Where(x => x.ServiceId != null).Select(x => x.ServiceId!.Value));
            var free = await db.Services.Where(x => !used.Contains(x.Id)).OrderBy(x => x.Id).Select(x => x.Id).ToListAsync();
            return new Rows(i.Id, i.Version, i.PostmortemVersion, e.Id, e.Version, w.Id, w.Version, a.Id, a.Version, s.Id, s.Version, free[0], free[1], personId);
        }
    }

    public sealed record Case(string Name, string Action, Role Needs, Func<TestServices, Rows, Actor, Task<CommandResult>> Run,
        Func<Rows, ChangeScope> Scope, string? Field = null)
    {
        public override string ToString() => Name;
    }

    private static async Task<IncidentInput> FormAsync(TestServices app) => (await app.Get<IncidentQueries>().GetForEditAsync(Actor.System, Cloudflare))!.Value.Input;

    public static readonly Case[] Cases =
    [
        new("declare an incident", "incident.created", Role.Responder,
            (app, r, who) => app.Get<IncidentCommands>().CreateAsync(who, new IncidentInput { Title = "Disk full", Organisation = "Ops", Summary = "Logs filled the disk.", Started = "2026-11-01 10:00" }),
            _ => ChangeScope.Actions, "Title"),
        new("edit an incident", "incident.updated", Role.Responder,
            async (app, r, who) => { var f = await FormAsync(app); f.Commander = "Dana"; return await app.Get<IncidentCommands>().UpdateAsync(who, r.Incident, r.IncidentVersion, f); },
            r => ChangeScope.Incident(r.Incident), "Commander"),
        new("change an incident's status", "incident.status_changed", Role.Responder,
            async (app, r, who) => { var f = await FormAsync(app); f.Status = IncidentStatus.Monitoring; return await app.Get<IncidentCommands>().UpdateAsync(who, r.Incident, r.IncidentVersion, f); },
            r => ChangeScope.Incident(r.Incident), "Status"),
        new("delete an incident", "incident.deleted", Role.Admin,
            (app, r, who) => app.Get<IncidentCommands>().DeleteAsync(who, r.Incident, r.IncidentVersion),
            r => ChangeScope.Incident(r.Incident), "Title"),
        new("add an event", "timeline_event.created", Role.Responder,
            (app, r, who) => app.Get<TimelineCommands>().AddAsync(who, r.Incident, new EventInput { OccurredAt = "12:01", Text = "Paged the database team", Kind = EventKind.Escalation }),
            r => ChangeScope.Incident(r.Incident), "Text"),
        new("edit an event", "timeline_event.updated", Role.Responder,
            (app, r, who) => app.Get<TimelineCommands>().UpdateAsync(who, r.Incident, r.Event, r.EventVersion, new EventInput { OccurredAt = "11:05", Text = "Edited text", Kind = EventKind.Trigger }),
            r => ChangeScope.Incident(r.Incident), "Text"),
        new("delete an event", "timeline_event.deleted", Role.Responder,
            (app, r, who) => app.Get<TimelineCommands>().DeleteAsync(who, r.Incident, r.Event, r.EventVersion),
            r => ChangeScope.Incident(r.Incident), "Text"),
        new("import a chat log", "timeline_event.imported", Role.Responder,
            async (app, r, who) =>
            {
                var context = (await app.Get<TimelineQueries>().GetAsync(Actor.System, r.Incident))!.Context;
                return await app.Get<TimelineCommands>().ImportAsync(who, r.Incident, ImportPreview.Build("12:40 first pasted line\n12:41 second pasted line", context));
            },
            r => ChangeScope.Incident(r.Incident), "Events"),
        new("add an impact window", "impact_window.created", Role.Responder,
            (app, r, who) => app.Get<ImpactCommands>().AddAsync(who, r.Incident, new ImpactInput { ServiceId = r.Service, Level = ImpactLevel.Degraded, Start = "15:00", End = "15:30" }),
            r => ChangeScope.Incident(r.Incident), "Level"),
        new("edit an impact window", "impact_window.updated", Role.Responder,
            (app, r, who) => app.Get<ImpactCommands>().UpdateAsync(who, r.Incident, r.Window, r.WindowVersion, new ImpactInput { ServiceId = r.Service, Level = ImpactLevel.Degraded, Start = "2025-11-18 11:20", End = "2025-11-18 12:00", Description = "narrowed" }),
            r => ChangeScope.Incident(r.Incident), "Description"),
        new("delete an impact window", "impact_window.deleted", Role.Responder,
            (app, r, who) => app.Get<ImpactCommands>().DeleteAsync(who, r.Incident, r.Window, r.WindowVersion),
            r => ChangeScope.Catalog, "Level"),
        new("add an action", "action.created", Role.Responder,
            (app, r, who) => app.Get<ActionCommands>().CreateAsync(who, r.Incident, new ActionInput { Title = "Cap the feature file", Owner = "kim" }),
            _ => ChangeScope.Actions, "Owner"),
        new("edit an action's owner", "action.updated", Role.Responder,
            async (app, r, who) =>
            {
                var input = (await app.Get<ActionQueries>().GetForEditAsync(Actor.System, r.Action))!.Value.Input;
                input.Owner = "new owner";
                return await app.Get<ActionCommands>().UpdateAsync(who, r.Action, r.ActionVersion, input);
            },
            r => ChangeScope.Incident(r.Incident), "Owner"),
        new("move an action", "action.updated", Role.Responder,
            (app, r, who) => app.Get<ActionCommands>().SetStatusAsync(who, r.Action, r.ActionVersion, ActionStatus.Done),
            _ => ChangeScope.Actions, "Status"),
        new("delete an action", "action.deleted", Role.Responder,
            (app, r, who) => app.Get<ActionCommands>().DeleteAsync(who, r.Action, r.ActionVersion),
            _ => ChangeScope.Actions, "Title"),
        new("save a postmortem", "postmortem.saved", Role.Responder,
            (app, r, who) => app.Get<PostmortemCommands>().SaveAsync(who, r.Incident, r.PostmortemVersion, "# Short\n\nNew text."),
            r => ChangeScope.Incident(r.Incident), "PostmortemMarkdown"),
        new("submit a postmortem", "postmortem.submitted", Role.Responder,
            (app, r, who) => app.Get<PostmortemCommands>().TransitionAsync(who, r.Incident, PostmortemStatus.Draft, PostmortemStatus.InReview, null),
            r => ChangeScope.Incident(r.Incident), "PostmortemStatus"),
        new("publish a postmortem", "postmortem.published", Role.Admin,
            async (app, r, who) =>
            {
                await app.Get<PostmortemCommands>().TransitionAsync(TestServices.Owner, r.Incident, PostmortemStatus.Draft, PostmortemStatus.InReview, null);
                return await app.Get<PostmortemCommands>().TransitionAsync(who, r.Incident, PostmortemStatus.InReview, PostmortemStatus.Published, null);
            },
            r => ChangeScope.Incident(r.Incident), "PostmortemStatus"),
        new("import a postmortem", "incident.imported", Role.Responder,
            async (app, r, who) =>
            {
                var file = (await app.Get<PostmortemFiles>().ExportMarkdownAsync(Actor.System, Cloudflare))!;
                return await app.Get<PostmortemFiles>().ImportAsync(who, file.Content.Replace($"slug: {Cloudflare}", "slug: cloudflare-copy"));
            },
            _ => ChangeScope.Actions, "Events"),
        new("add a service", "service.created", Role.Admin,
            (app, r, who) => app.Get<ServiceCatalogCommands>().CreateAsync(who, new ServiceInput { Name = "Billing API", Group = "Payments" }),
            _ => ChangeScope.Catalog, "Name"),
        new("edit a service", "service.updated", Role.Admin,
            async (app, r, who) =>
            {
                var edit = (await app.Get<ServiceCatalogQueries>().GetForEditAsync(r.Service))!.Value;
                edit.Input.OwnerTeam = "Edge team";
                return await app.Get<ServiceCatalogCommands>().UpdateAsync(who, r.Service, edit.Version, edit.Input);
            },
            _ => ChangeScope.Catalog, "OwnerTeam"),
        new("archive a service", "service.archived", Role.Admin,
            (app, r, who) => app.Get<ServiceCatalogCommands>().SetArchivedAsync(who, r.Service, true),
            _ => ChangeScope.Catalog, "IsArchived"),
        new("remove a service", "service.deleted", Role.Admin,
            (app, r, who) => app.Get<ServiceCatalogCommands>().DeleteAsync(who, r.UnusedService),
            _ => ChangeScope.Catalog, "Name"),
        new("make an incident private", "incident.made_private", Role.Responder,
            (app, r, who) => app.Get<IncidentAccessCommands>().SetPrivateAsync(who, r.Incident, true),
            r => ChangeScope.Incident(r.Incident), "IsPrivate"),
        new("assign the incident commander", "incident.role_assigned", Role.Responder,
            (app, r, who) => app.Get<IncidentAccessCommands>().AssignRoleAsync(who, r.Incident, IncidentRole.Commander, r.Person),
            _ => ChangeScope.Actions, "Incident commander"),
        new("add a member", "incident.member_added", Role.Responder,
            (app, r, who) => app.Get<IncidentAccessCommands>().AddMemberAsync(who, r.Incident, r.Person),
            r => ChangeScope.Incident(r.Incident), "Member"),
        new("add an action owned by a user", "action.created", Role.Responder,
            (app, r, who) => app.Get<ActionCommands>().CreateAsync(who, r.Incident, new ActionInput { Title = "Review the limits", OwnerUserId = r.Person }),
            _ => ChangeScope.Actions, "OwnerUserId"),
        new("add a dependency", "dependency.created", Role.Admin,
            (app, r, who) => app.Get<ServiceCatalogCommands>().AddDependencyAsync(who, r.UnusedService, r.OtherService),
            _ => ChangeScope.Catalog),
    ];

    public static TheoryData<Case> AllCases() => [.. Cases];

    [Theory]
    [MemberData(nameof(AllCases))]
    public async Task Each_command_is_audited_with_actor_action_and_fields_and_announced_to_its_scope(Case c)
    {
        var seen = App.Record(c.Scope(_rows));
        var before = await AuditCountAsync();

        var result = await c.Run(App, _rows, TestServices.Owner);

        Assert.True(result.Succeeded, $"{c.Name}: {result.Outcome} {string.Join("; ", result.Errors.Values)}");
        var entry = (await App.Get<AuditQueries>().ListAsync(Actor.System, new AuditQuery(PageSize: 1))).Items[0];
        Assert.Equal(c.Action, entry.Action);
        Assert.Equal(TestServices.Owner.Name, entry.Actor);
        Assert.Equal(c.Action[..c.Action.IndexOf('.')], entry.EntityType);
        if (c.Field is { } field) Assert.Contains(entry.Changes, f => f.Field == field);
        Assert.True(await AuditCountAsync() > before);
        Assert.Contains(seen, s => s.Scope == c.Scope(_rows));
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public async Task A_role_below_the_commands_is_forbidden_and_nothing_is_written(Case c)
    {
        var below = Actor.Person("vic@example.com", c.Needs - 1);
        var seen = App.Record(c.Scope(_rows));
        var before = await SnapshotAsync();

        var result = await c.Run(App, _rows, below);

        // The publish case first submits as the owner; only its own move must be refused.
        Assert.Equal(Outcome.Forbidden, result.Outcome);
        if (c.Action != "postmortem.published")
        {
            Assert.Equal(before, await SnapshotAsync());
            Assert.Empty(seen);
        }
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public async Task The_role_the_command_needs_is_enough(Case c)
    {
        var result = await c.Run(App, _rows, Actor.Person("rory@example.com", c.Needs));
        Assert.True(result.Succeeded, $"{c.Name}: {result.Outcome}");
    }

    public static TheoryData<string> VersionedCases() =>
        [.. Cases.Where(c => c.Name.StartsWith("edit") || c.Name.StartsWith("delete") || c.Name.StartsWith("move") || c.Name.StartsWith("change") || c.Name == "save a postmortem").Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(VersionedCases))]
    public async Task A_stale_version_is_a_conflict_with_the_current_version_and_writes_nothing(string name)
    {
        var c = Cases.Single(x => x.Name == name);
        var stale = _rows with
        {
            IncidentVersion = Guid.NewGuid(), PostmortemVersion = Guid.NewGuid(), EventVersion = Guid.NewGuid(),
            WindowVersion = Guid.NewGuid(), ActionVersion = Guid.NewGuid(),
        };
        // A service edit reads its version itself: make it stale by saving in between.
        if (name == "edit a service") await c.Run(App, _rows, TestServices.Owner);
        var seen = App.Record(c.Scope(_rows));
        var before = await SnapshotAsync();

        var result = name == "edit a service" ? await StaleServiceEditAsync() : await c.Run(App, stale, TestServices.Owner);

        Assert.Equal(Outcome.Conflict, result.Outcome);
        Assert.NotNull(result.Version);
        Assert.Equal(before, await SnapshotAsync());
        Assert.Empty(seen);
    }

    private async Task<CommandResult> StaleServiceEditAsync()
    {
        var edit = (await App.Get<ServiceCatalogQueries>().GetForEditAsync(_rows.Service))!.Value;
        edit.Input.OwnerTeam = "Someone else";
        return await App.Get<ServiceCatalogCommands>().UpdateAsync(TestServices.Owner, _rows.Service, _rows.ServiceVersion, edit.Input);
    }

    [Fact]
    public async Task A_conflict_returns_the_version_now_saved()
    {
        var events = App.Get<TimelineCommands>();
        var first = await events.UpdateAsync(TestServices.Owner, _rows.Incident, _rows.Event, _rows.EventVersion, new EventInput { OccurredAt = "11:05", Text = "First" });
        var second = await events.UpdateAsync(TestServices.Owner, _rows.Incident, _rows.Event, _rows.EventVersion, new EventInput { OccurredAt = "11:05", Text = "Second" });

        Assert.Equal(Outcome.Conflict, second.Outcome);
        Assert.Equal(first.Version, second.Version);
        await using var db = App.Database.CreateDbContext();
        Assert.Equal("First", (await db.TimelineEvents.SingleAsync(e => e.Id == _rows.Event)).Text);
    }

    [Fact]
    public async Task The_change_and_its_audit_entry_roll_back_together()
    {
        await using (var db = App.Database.CreateDbContext())
            await db.Database.ExecuteSqlRawAsync(Store == DatabaseProvider.PostgreSQL
                ? """
                  CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$;
                  CREATE TRIGGER refuse_audit BEFORE INSERT ON "AuditEntries" FOR EACH ROW EXECUTE FUNCTION refuse_audit();
                  """
                : "CREATE TRIGGER refuse_audit BEFORE INSERT ON AuditEntries BEGIN SELECT RAISE(ABORT, 'audit refused'); END;");
        var before = await SnapshotAsync();
        var seen = App.Record(ChangeScope.Incident(_rows.Incident));

        await Assert.ThrowsAsync<DbUpdateException>(() => Cases.Single(c => c.Name == "edit an event").Run(App, _rows, TestServices.Owner));

        Assert.Equal(before, await SnapshotAsync());
        Assert.Empty(seen);
    }

    [Fact]
    public async Task Seeding_is_audited_as_system()
    {
        var seeded = await App.Get<AuditQueries>().ListAsync(Actor.System, new AuditQuery(Actor: "system", PageSize: 200));

        Assert.Contains(seeded.Items, e => e.Action == "catalog.seeded" && e.Source == ChangeSource.Seed);
        var cloudflare = Assert.Single(seeded.Items, e => e.Action == "incident.created" && e.IncidentSlug == Cloudflare);
        Assert.Equal(ChangeSource.Seed, cloudflare.Source);
        Assert.Equal(ActorKind.System, cloudflare.ActorKind);
    }

    [Fact]
    public async Task A_long_text_is_summarised_not_copied()
    {
        var text = string.Join("\n", Enumerable.Range(1, 400).Select(n => $"Line {n} of a long postmortem."));
        await App.Get<PostmortemCommands>().SaveAsync(TestServices.Owner, _rows.Incident, _rows.PostmortemVersion, text);

        var entry = (await App.Get<AuditQueries>().ListAsync(Actor.System, new AuditQuery(Action: "postmortem.saved"))).Items[0];
        var change = Assert.Single(entry.Changes, c => c.Field == "PostmortemMarkdown");
        Assert.Equal($"{text.Length:N0} characters; lines 1–400 changed", change.New![..change.New!.IndexOf(" (", StringComparison.Ordinal)]);
        Assert.True(change.New.Length < 200);
    }

    [Fact]
    public async Task An_imported_postmortem_arrives_as_a_draft_whatever_it_claims()
    {
        await App.Get<PostmortemCommands>().TransitionAsync(TestServices.Owner, _rows.Incident, PostmortemStatus.Draft, PostmortemStatus.InReview, null);
        await App.Get<PostmortemCommands>().TransitionAsync(TestServices.Owner, _rows.Incident, PostmortemStatus.InReview, PostmortemStatus.Published, null);
        var file = (await App.Get<PostmortemFiles>().ExportMarkdownAsync(Actor.System, Cloudflare))!;

        var result = await App.Get<PostmortemFiles>().ImportAsync(TestServices.Owner, file.Content.Replace($"slug: {Cloudflare}", "slug: forged"));

        Assert.True(result.Succeeded);
        var doc = (await App.Get<PostmortemQueries>().GetAsync(Actor.System, "forged"))!;
        Assert.Equal(PostmortemStatus.Draft, doc.Status);
        var imported = Assert.Single(doc.History);
        Assert.StartsWith("Imported. The file said: status Published", imported.Note);
        Assert.Equal(TestServices.Owner.Name, imported.By);
    }

    private async Task<int> AuditCountAsync()
    {
        await using var db = App.Database.CreateDbContext();
        return await db.AuditEntries.CountAsync();
    }

    /// <summary>Everything a command could have written, as counts and versions: equal snapshots mean nothing changed.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = App.Database.CreateDbContext();
        var versions = string.Join(",", await db.Incidents.OrderBy(i => i.Id).Select(i => i.Version.ToString() + i.PostmortemVersion + i.PostmortemStatus).ToListAsync());
        return string.Join("|", await db.AuditEntries.CountAsync(), await db.Incidents.CountAsync(), versions,
            string.Join(",", await db.TimelineEvents.OrderBy(e => e.Id).Select(e => e.Version).ToListAsync()),
            string.Join(",", await db.ServiceImpacts.OrderBy(e => e.Id).Select(e => e.Version).ToListAsync()),
            string.Join(",", await db.RemediationActions.OrderBy(e => e.Id).Select(e => e.Version).ToListAsync()),
            string.Join(",", await db.Services.OrderBy(e => e.Id).Select(e => e.Version.ToString() + e.IsArchived).ToListAsync()),
            await db.ServiceDependencies.CountAsync());
    }
}

public sealed class DoorTestsOnPostgreSql : DoorTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
