using System.Net;
using Dashboard.Data.Actions;
using Dashboard.Data.Incidents;
using Dashboard.Data.Notifications;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Notifications;

/// <summary>The one-click unsubscribe link of a notification mail, on the real app, without signing in (RFC 8058).</summary>
public sealed class UnsubscribeHostTests(AppFactory app) : IClassFixture<AppFactory>
{
    private T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    [Fact]
    public async Task Get_changes_nothing_a_forged_post_is_refused_and_the_signed_post_stops_that_kind_of_mail()
    {
        var bob = await TestServices.UserAsync(app.Services, "bob.unsub@example.com", "Bob Unsub", Role.Responder);
        var owner = Actor.Person(AppFactory.OwnerEmail, Role.Owner);
        var incident = await Get<IncidentCommands>().CreateAsync(owner, new IncidentInput
        {
            Title = "Unsubscribe test", Organisation = "Shop", Summary = "Made by a test.", Started = "2026-11-30 10:00",
        });
        Assert.True((await Get<ActionCommands>().CreateAsync(owner, incident.Id!.Value, new ActionInput { Title = "Add a canary", OwnerUserId = bob.UserId })).Succeeded);
        string url;
        await using (var db = await Get<IDbContextFactory<IncidentBoardDbContext>>().CreateDbContextAsync())
            url = await db.OutboundMails.Where(m => m.ToAddress == bob.Name).Select(m => m.UnsubscribeUrl!).SingleAsync();
        var path = new Uri(url).PathAndQuery;
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var oneClick = () => new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" });
        async Task<bool> MailsAssignments() => (await Get<NotificationQueries>().SettingsAsync(bob)).Kinds.Single(k => k.Kind == NotificationKind.ActionAssigned).Email;

        var page = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form method=\"post\"", await page.Content.ReadAsStringAsync());
        Assert.True(await MailsAssignments());

        var forged = await client.PostAsync(path.Replace("kind=ActionAssigned", "kind=ReviewRequested"), oneClick());
        Assert.True(forged.StatusCode == HttpStatusCode.NotFound, $"{forged.StatusCode}: {await forged.Content.ReadAsStringAsync()}");
        Assert.True(await MailsAssignments());

        var done = await client.PostAsync(path, oneClick());
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.False(await MailsAssignments());
    }
}
