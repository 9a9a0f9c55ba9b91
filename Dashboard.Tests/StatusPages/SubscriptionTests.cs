using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Data.StatusPages;
using Dashboard.Tests.Infrastructure;
using Dashboard.Tests.Mail;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.StatusPages;

/// <summary>Email subscriptions on a real database: double opt-in, the same answer for every address, mail queued with the update, one-click unsubscribe.</summary>
public class SubscriptionDataTests() : DataTest(seed: true)
{
    private SubscriptionCommands Subscriptions => App.Get<SubscriptionCommands>();

    private async Task<List<Dashboard.Data.Mail.OutboundMail>> MailsAsync()
    {
        await using var db = App.Database.CreateDbContext();
        return await db.OutboundMails.OrderBy(m => m.Id).ToListAsync();
    }

    private async Task<string> TokenAsync(string email)
    {
        await using var db = App.Database.CreateDbContext();
        return await db.StatusSubscribers.Where(s => s.Email == email).Select(s => s.Token).SingleAsync();
    }

    [Fact]
    public async Task Sign_up_answers_the_same_for_any_address_mails_a_confirmation_once_and_sends_updates_only_after_confirming_until_unsubscribed()
    {
        await App.Get<StatusPageCommands>().CreateAsync(TestServices.Owner, StatusPageRig.Page());
        await App.Get<StatusPageCommands>().CreateAsync(TestServices.Owner, StatusPageRig.Page("staff", StatusAudience.Internal));

        var first = await Subscriptions.SubscribeAsync("public", "Ana@Example.com");
        var again = await Subscriptions.SubscribeAsync("public", "ana@example.com");
        Assert.Equal((Outcome.Ok, Outcome.Ok), (first.Outcome, again.Outcome));
        var confirm = Assert.Single(await MailsAsync());
        Assert.Equal(("ana@example.com", "status-confirm"), (confirm.ToAddress, confirm.Kind));
        Assert.Contains("/pages/public/subscriptions/confirm?token=" + await TokenAsync("ana@example.com"), confirm.TextBody);
        Assert.Equal(Outcome.Invalid, (await Subscriptions.SubscribeAsync("public", "ana@example.com\r\nBcc: all@example.com")).Outcome);
        Assert.Equal(Outcome.NotFound, (await Subscriptions.SubscribeAsync("staff", "ana@example.com")).Outcome);

        var incident = await App.Provider.IncidentAsync("KV errors");
        await App.Provider.PublishedAsync(incident, StatusPageRig.Update());
        Assert.Single(await MailsAsync()); // not confirmed yet: no update mail

        Assert.True((await Subscriptions.ConfirmAsync(await TokenAsync("ana@example.com"))).Succeeded);
        Assert.Equal(Outcome.Ok, (await Subscriptions.SubscribeAsync("public", "ana@example.com")).Outcome); // known and confirmed: same answer, no mail
        await App.Provider.PublishedAsync(incident, StatusPageRig.Update(title: "Errors\r\nBcc: all@example.com", state: PublicState.Identified, body: "Found it."));
        var update = (await MailsAsync())[^1];
        Assert.Equal("[Example public status] Errors Bcc: all@example.com: Identified", update.Subject);
        Assert.Contains("Found it.", update.TextBody);
        Assert.DoesNotContain(StatusPageRig.Secret, update.TextBody ?? "");
        Assert.Equal($"http://localhost:5111/pages/public/subscriptions/unsubscribe?token={await TokenAsync("ana@example.com")}", update.UnsubscribeUrl);

        Assert.True((await Subscriptions.UnsubscribeAsync(await TokenAsync("ana@example.com"))).Succeeded);
        var before = (await MailsAsync()).Count;
        await App.Provider.PublishedAsync(incident, StatusPageRig.Update(state: PublicState.Resolved, body: "Fixed."));
        Assert.Equal(before, (await MailsAsync()).Count);
        await using var db = App.Database.CreateDbContext();
        Assert.DoesNotContain(await db.AuditEntries.Where(a => a.Action.StartsWith("subscription.")).Select(a => a.Changes + a.EntityKey).ToListAsync(), t => t.Contains("ana@"));
    }

    [Fact]
    public async Task A_subscriber_who_chose_components_hears_only_of_incidents_maintenances_and_postmortems_touching_them()
    {
        await App.Get<StatusPageCommands>().CreateAsync(TestServices.Owner, StatusPageRig.Page());
        Assert.True(await App.Get<StatusSnapshots>().RebuildAsync());
        var ids = App.Get<StatusSnapshots>().Find("public")!.Components.ToDictionary(c => c.Name, c => c.Id);
        foreach (var (email, chosen) in new[] { ("kv@example.com", new[] { ids["Public workers-kv"] }), ("all@example.com", []), ("access@example.com", [ids["Public access"]]) })
        {
            Assert.Equal(Outcome.Ok, (await Subscriptions.SubscribeAsync("public", email, chosen)).Outcome);
            Assert.True((await Subscriptions.ConfirmAsync(await TokenAsync(email))).Succeeded);
        }
        Assert.Equal(Outcome.Invalid, (await Subscriptions.SubscribeAsync("public", "x@example.com", ["c999999"])).Outcome);
        // A confirmed subscriber's choice is not changed by someone signing the address up again.
        Assert.Equal(Outcome.Ok, (await Subscriptions.SubscribeAsync("public", "kv@example.com", [ids["Public access"]])).Outcome);

        var incident = await App.Provider.IncidentAsync("KV errors");
        await App.Provider.PublishedAsync(incident, StatusPageRig.Update(service: "cf-workers-kv"));
        await App.Provider.PublishedAsync(incident, StatusPageRig.Update(state: PublicState.Resolved, body: "Fixed.") with { Components = new Dictionary<string, ImpactLevel>() });
        await App.Provider.PublicPostmortemAsync(incident, "What we changed.");
        var start = FixedClock.Default.GetUtcNow().UtcDateTime.AddMinutes(30);
        Assert.True((await App.Get<MaintenanceCommands>().ScheduleAsync(TestServices.Owner, "public", new MaintenanceInput
        {
            Title = "Access upgrade", Body = "Sign-ins may be slow.", Components = ["cf-access"],
            ScheduledFor = start.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ScheduledUntil = start.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        })).Succeeded);
        Assert.Equal(1, await App.Get<MaintenanceReminders>().SendDueAsync());

        var sent = (await MailsAsync()).Where(m => m.Kind != "status-confirm").GroupBy(m => m.ToAddress).ToDictionary(g => g.Key, g => g.Select(m => m.Kind).ToList());
        // The resolution names no component but is about an incident that touched the key-value store: it reaches its subscriber too.
        Assert.Equal(["status-update", "status-update", "status-postmortem"], sent["kv@example.com"]);
        Assert.Equal(["status-update", "status-update", "status-postmortem", "status-maintenance-reminder"], sent["all@example.com"]);
        Assert.Equal(["status-maintenance-reminder"], sent["access@example.com"]);
    }

    [Fact]
    public async Task A_confirmed_subscriber_chooses_components_again_from_the_link_in_their_mail()
    {
        await App.Get<StatusPageCommands>().CreateAsync(TestServices.Owner, StatusPageRig.Page());
        Assert.True(await App.Get<StatusSnapshots>().RebuildAsync());
        var ids = App.Get<StatusSnapshots>().Find("public")!.Components.ToDictionary(c => c.Name, c => c.Id);
        Assert.Equal(Outcome.Ok, (await Subscriptions.SubscribeAsync("public", "kv@example.com")).Outcome);
        var token = await TokenAsync("kv@example.com");
        Assert.Null(await App.Get<StatusPageQueries>().SubscriptionAsync(token)); // not confirmed: no choosing yet
        Assert.Equal(Outcome.NotFound, (await Subscriptions.ChooseComponentsAsync(token, [ids["Public access"]])).Outcome);
        Assert.True((await Subscriptions.ConfirmAsync(token)).Succeeded);
        var incident = await App.Provider.IncidentAsync("KV errors");
        await App.Provider.PublishedAsync(incident, StatusPageRig.Update(service: "cf-workers-kv"));
        Assert.Contains("/pages/public/subscriptions/manage?token=" + token, (await MailsAsync())[^1].TextBody);

        Assert.True((await Subscriptions.ChooseComponentsAsync(token, [ids["Public access"]])).Succeeded);
        Assert.Equal(Outcome.Invalid, (await Subscriptions.ChooseComponentsAsync(token, [ids["Public access"], "c999999"])).Outcome);
        Assert.Equal(Outcome.NotFound, (await Subscriptions.ChooseComponentsAsync("not-a-token", [])).Outcome);
        var choice = await App.Get<StatusPageQueries>().SubscriptionAsync(token);
        Assert.Equal(["Public access"], choice!.Components.Where(c => c.Chosen).Select(c => c.Name)); // the invalid choice changed nothing
        var before = (await MailsAsync()).Count;
        await App.Provider.PublishedAsync(incident, StatusPageRig.Update(service: "cf-workers-kv", state: PublicState.Identified, body: "Found it."));
        Assert.Equal(before, (await MailsAsync()).Count); // the key-value store is no longer theirs

        Assert.True((await Subscriptions.ChooseComponentsAsync(token, [])).Succeeded); // none: the whole page again
        await App.Provider.PublishedAsync(incident, StatusPageRig.Update(service: "cf-workers-kv", state: PublicState.Monitoring, body: "Watching."));
        Assert.Equal(before + 1, (await MailsAsync()).Count);
        Assert.True((await Subscriptions.UnsubscribeAsync(token)).Succeeded);
        Assert.Equal(Outcome.NotFound, (await Subscriptions.ChooseComponentsAsync(token, [ids["Public access"]])).Outcome);
        await using var db = App.Database.CreateDbContext();
        var audited = await db.AuditEntries.Where(a => a.Action == "subscription.components_chosen").Select(a => a.Changes + a.EntityKey).ToListAsync();
        Assert.Equal(2, audited.Count);
        Assert.DoesNotContain(audited, t => t.Contains("kv@"));
    }
}

public sealed class SubscriptionDataTestsOnPostgreSql : SubscriptionDataTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}

/// <summary>The whole flow through the real app and a real SMTP server (Debian's aiosmtpd): sign up, confirm, receive an update, unsubscribe with one click.</summary>
public sealed class SubscriptionMailHostTests
{
    [Fact]
    public async Task A_visitor_signs_up_confirms_receives_an_update_with_a_one_click_unsubscribe_and_unsubscribes()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var app = new AppFactory
        {
            Settings =
            {
                ["Mail:Smtp:Host"] = "127.0.0.1", ["Mail:Smtp:Port"] = sink.Port.ToString(), ["Mail:Smtp:UseTls"] = "false",
                ["Mail:PollInterval"] = "00:00:00.200", ["PublicUrl"] = "http://localhost",
            },
        };
        await app.Services.GetRequiredService<StatusPageCommands>().CreateAsync(Actor.System, StatusPageRig.Page());
        Assert.True(await app.Services.GetRequiredService<StatusSnapshots>().RebuildAsync());
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Contains("action=\"/pages/public/subscribe\"", await client.GetStringAsync("/pages/public"));
        var crossSite = new HttpRequestMessage(HttpMethod.Post, "/pages/public/subscribe") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "eve@example.com" }) };
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(crossSite)).StatusCode);
        var signUp = await client.PostAsync("/pages/public/subscribe", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "ana@example.com" }));
        Assert.Equal(HttpStatusCode.OK, signUp.StatusCode);
        Assert.Contains("Check your inbox", await signUp.Content.ReadAsStringAsync());

        var confirmMail = Assert.Single(await sink.WaitForAsync(1));
        var confirmLink = Regex.Match(confirmMail.TextBody ?? "", @"http://localhost(/pages/public/subscriptions/confirm\?token=\S+)").Groups[1].Value;
        Assert.Contains("Confirm", await client.GetStringAsync(confirmLink)); // a page with a button: a link scanner's GET confirms nothing
        Assert.Contains("Subscribed", await (await client.PostAsync(confirmLink, null)).Content.ReadAsStringAsync());

        var incident = await app.Services.IncidentAsync("Mail test");
        await app.Services.PublishedAsync(incident, StatusPageRig.Update());
        var update = (await sink.WaitForAsync(2))[1];
        Assert.Equal("[Example public status] Elevated errors on the key-value store: Investigating", update.Subject);
        Assert.Equal("List-Unsubscribe=One-Click", update.Headers["List-Unsubscribe-Post"]?.Trim());
        var unsubscribe = (update.Headers["List-Unsubscribe"] ?? "").Trim().Trim('<', '>');
        Assert.DoesNotContain(StatusPageRig.Secret, update.TextBody ?? "");

        // The mail's "choose components" link: a form with the page's components, saved with one post from that page only.
        var manage = Regex.Match(update.TextBody ?? "", @"http://localhost(/pages/public/subscriptions/manage\?token=\S+)").Groups[1].Value;
        var form = await client.GetStringAsync(manage);
        var access = Regex.Match(form, "value=\"(c\\d+)\"> Public access").Groups[1].Value;
        Assert.NotEmpty(access);
        var fromElsewhere = new HttpRequestMessage(HttpMethod.Post, manage) { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["components"] = access }) };
        fromElsewhere.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(fromElsewhere)).StatusCode);
        var saved = await (await client.PostAsync(manage, new FormUrlEncodedContent(new Dictionary<string, string> { ["components"] = access }))).Content.ReadAsStringAsync();
        Assert.Contains("Saved.", saved);
        Assert.Contains($"value=\"{access}\" checked>", saved);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/pages/public/subscriptions/manage?token=nope")).StatusCode);

        // RFC 8058: the mail client posts "List-Unsubscribe=One-Click" to the link, from outside any page.
        var oneClick = await client.PostAsync(new Uri(unsubscribe).PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<IncidentBoardDbContext>>().CreateDbContextAsync();
        Assert.NotNull(await db.StatusSubscribers.Where(s => s.Email == "ana@example.com").Select(s => s.UnsubscribedAt).SingleAsync());
    }
}
