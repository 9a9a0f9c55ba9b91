using Dashboard.Data.StatusPages;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.StatusPages;

/// <summary>Public postmortems on a real, migrated database: only admins write them, a draft shows nowhere, an update shows as updated, subscribers hear of it.</summary>
public class StatusPostmortemDataTests() : DataTest(seed: true)
{
    private StatusPostmortemCommands Postmortems => App.Get<StatusPostmortemCommands>();
    private static readonly Actor Owner = TestServices.Owner;

    private async Task<PageSnapshot> SnapshotAsync(string key = "public")
    {
        Assert.True(await App.Get<StatusSnapshots>().RebuildAsync());
        return App.Get<StatusSnapshots>().Find(key)!;
    }

    private async Task<Guid> VersionAsync(int incident)
    {
        await using var db = App.Database.CreateDbContext();
        return await db.StatusPostmortems.Where(p => p.IncidentId == incident).Select(p => p.Version).SingleAsync();
    }

    [Fact]
    public async Task Only_an_admin_writes_a_public_postmortem_its_drafts_show_nowhere_and_an_update_shows_as_updated_and_is_audited()
    {
        await App.Get<StatusPageCommands>().CreateAsync(Owner, StatusPageRig.Page());
        var incident = await App.Provider.IncidentAsync("KV errors");
        await App.Provider.PublishedAsync(incident, StatusPageRig.Update());
        await App.Provider.InternalPostmortemAsync(incident, "INTERNAL-PM the on-call engineer ran the wrong script");
        var responder = await App.UserAsync("rita@example.com", "Rita Responder", Role.Responder);

        Assert.Equal(Outcome.Forbidden, (await Postmortems.SaveDraftAsync(responder, incident, null, "Mine")).Outcome);
        Assert.Equal(Outcome.Forbidden, (await Postmortems.PublishAsync(responder, incident, null, "Mine")).Outcome);
        Assert.Null(await App.Get<StatusPageQueries>().PostmortemAsync(responder, incident));

        Assert.True((await Postmortems.SaveDraftAsync(Owner, incident, null, "DRAFT-ONE not for readers")).Succeeded);
        Assert.Equal(Outcome.Conflict, (await Postmortems.SaveDraftAsync(Owner, incident, null, "a second editor")).Outcome);
        Assert.Null(Assert.Single((await SnapshotAsync()).Incidents).Postmortem);
        var row = (await App.Get<StatusPageQueries>().PostmortemAsync(Owner, incident))!;
        Assert.Equal(("DRAFT-ONE not for readers", false, true), (row.Draft, row.IsPublished, row.IncidentPublished));
        Assert.Equal("INTERNAL-PM the on-call engineer ran the wrong script", row.InternalText); // the editor may start from a copy

        var version = await VersionAsync(incident);
        Assert.True((await Postmortems.PublishAsync(Owner, incident, version, "## What happened\nPUBLIC-PM one")).Succeeded);
        var shown = Assert.Single((await SnapshotAsync()).Incidents).Postmortem!;
        Assert.Equal(("## What happened\nPUBLIC-PM one", (DateTime?)null), (shown.Body, shown.UpdatedAt));
        Assert.Equal(Outcome.Conflict, (await Postmortems.PublishAsync(Owner, incident, version, "stale")).Outcome);
        Assert.Equal(Outcome.Invalid, (await Postmortems.PublishAsync(Owner, incident, await VersionAsync(incident), "## What happened\nPUBLIC-PM one")).Outcome);

        await App.Provider.PostmortemDraftAsync(incident, "DRAFT-TWO half written");
        var text = StatusPageRig.Text(await SnapshotAsync());
        Assert.Contains("PUBLIC-PM one", text);
        foreach (var secret in new[] { "DRAFT-ONE", "DRAFT-TWO", "INTERNAL-PM" }) Assert.DoesNotContain(secret, text);

        await App.Provider.PublicPostmortemAsync(incident, "PUBLIC-PM two");
        shown = Assert.Single((await SnapshotAsync()).Incidents).Postmortem!;
        Assert.Equal("PUBLIC-PM two", shown.Body);
        Assert.NotNull(shown.UpdatedAt);
        await using var db = App.Database.CreateDbContext();
        var audit = await db.AuditEntries.Where(a => a.Action.StartsWith("status_postmortem.")).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AuditActions.StatusPostmortemDrafted, AuditActions.StatusPostmortemPublished, AuditActions.StatusPostmortemDrafted, AuditActions.StatusPostmortemUpdated],
            audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal((incident, Owner.Name), (a.IncidentId!.Value, a.Actor)));
        Assert.Contains("\"field\":\"Body\"", audit[^1].Changes); // the trail records that the published text changed
    }

    [Fact]
    public async Task A_public_postmortem_needs_the_incident_on_a_page_and_shows_only_on_the_pages_it_was_published_to()
    {
        await App.Get<StatusPageCommands>().CreateAsync(Owner, StatusPageRig.Page());
        await App.Get<StatusPageCommands>().CreateAsync(Owner, StatusPageRig.Page("other"));
        var onPage = await App.Provider.IncidentAsync("KV errors");
        var nowhere = await App.Provider.IncidentAsync("Never published");
        await App.Provider.PublishedAsync(onPage, StatusPageRig.Update(), "public");

        var refused = await Postmortems.PublishAsync(Owner, nowhere, null, "NOWHERE-PM");
        Assert.Equal(Outcome.Invalid, refused.Outcome);
        await App.Provider.PublicPostmortemAsync(onPage, "PUBLIC-PM");

        Assert.Equal("PUBLIC-PM", Assert.Single((await SnapshotAsync()).Incidents).Postmortem!.Body);
        Assert.Empty((await SnapshotAsync("other")).Incidents);
        Assert.DoesNotContain("NOWHERE-PM", StatusPageRig.Text(await SnapshotAsync()));
    }

    [Fact]
    public async Task Subscribers_of_the_incidents_pages_are_mailed_the_published_postmortem_and_its_update_never_a_draft()
    {
        var pages = App.Get<StatusPageCommands>();
        await pages.CreateAsync(Owner, StatusPageRig.Page());
        await pages.CreateAsync(Owner, StatusPageRig.Page("other"));
        var subscriptions = App.Get<SubscriptionCommands>();
        foreach (var (page, email) in new[] { ("public", "ana@example.com"), ("other", "otto@example.com") })
        {
            await subscriptions.SubscribeAsync(page, email);
            await using var db = App.Database.CreateDbContext();
            Assert.True((await subscriptions.ConfirmAsync(await db.StatusSubscribers.Where(s => s.Email == email).Select(s => s.Token).SingleAsync())).Succeeded);
        }
        var incident = await App.Provider.IncidentAsync("KV errors");
        await App.Provider.PublishedAsync(incident, StatusPageRig.Update(), "public");
        await App.Provider.InternalPostmortemAsync(incident, "INTERNAL-PM text");

        await App.Provider.PostmortemDraftAsync(incident, "DRAFT-PM text");
        await App.Provider.PublicPostmortemAsync(incident, "PUBLIC-PM what we changed");
        await App.Provider.PostmortemDraftAsync(incident, "DRAFT-PM second");
        await App.Provider.PublicPostmortemAsync(incident, "PUBLIC-PM what we changed, and when");

        await using var check = App.Database.CreateDbContext();
        var mails = await check.OutboundMails.Where(m => m.Kind == "status-postmortem").OrderBy(m => m.Id).ToListAsync();
        Assert.Equal(["ana@example.com", "ana@example.com"], mails.Select(m => m.ToAddress));
        Assert.Equal(["[Example public status] Elevated errors on the key-value store: postmortem", "[Example public status] Elevated errors on the key-value store: postmortem updated"],
            mails.Select(m => m.Subject));
        Assert.Contains("PUBLIC-PM what we changed, and when", mails[1].TextBody);
        Assert.StartsWith("http://localhost:5111/pages/public/subscriptions/unsubscribe?token=", mails[1].UnsubscribeUrl);
        Assert.All(mails, m => Assert.DoesNotContain("DRAFT-PM", m.TextBody));
        Assert.All(mails, m => Assert.DoesNotContain("INTERNAL-PM", m.TextBody));
        Assert.All(mails, m => Assert.DoesNotContain(StatusPageRig.Secret, m.TextBody));
    }
}

public sealed class StatusPostmortemDataTestsOnPostgreSql : StatusPostmortemDataTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
