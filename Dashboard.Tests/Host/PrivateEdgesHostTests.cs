using System.Net;
using System.Net.Http.Json;
using Dashboard.Data.Identity;
using Dashboard.Data.Incidents;
using Dashboard.Data.Learning;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Ui.Kit;
using Dashboard.Api;

namespace Dashboard.Tests.Host;

/// <summary>
/// Edges of the real app that once carried what their reader may not see: the postmortem API naming a
/// private incident through a link, the Alertmanager receiver naming a private incident on a re-send,
/// and a signed-out wall display showing participants' email addresses.
/// </summary>
public sealed class PrivateEdgesHostTests
{
    private const string Private = "2025-11-18-cloudflare-bot-management";
    private const string Public = "2025-10-20-aws-us-east-1-dynamodb-dns";

    private static T Get<T>(AppFactory app) where T : notnull => app.Services.GetRequiredService<T>();

    private static async Task<string> UserIdAsync(AppFactory app, string email) =>
        (await Get<UserQueries>(app).ListAsync()).Single(u => u.Email == email).Id;

    [Fact]
    public async Task The_postmortem_api_names_a_linked_private_incident_only_to_a_participants_key()
    {
        await using var app = new AppFactory();
        await app.UserAsync("vera@example.com", Role.Viewer);
        await app.UserAsync("rita@example.com", Role.Responder);
        var privateId = (await Get<IncidentQueries>(app).GetAsync(Actor.System, Private))!.Id;
        var publicId = (await Get<IncidentQueries>(app).GetAsync(Actor.System, Public))!.Id;
        var access = Get<IncidentAccessCommands>(app);
        Assert.True((await access.AddMemberAsync(Actor.System, privateId, await UserIdAsync(app, "rita@example.com"))).Succeeded);
        Assert.True((await access.SetPrivateAsync(Actor.System, privateId, true)).Succeeded);
        Assert.True((await Get<IncidentLinkCommands>(app).AddAsync(Actor.System, publicId, IncidentLinkKind.RelatedTo, Private)).Succeeded);

        var viewer = await app.ApiClientAsync(Role.Viewer, "vera@example.com");
        var participant = await app.ApiClientAsync(Role.Viewer, "rita@example.com");
        var seenByViewer = await viewer.GetAsync($"/api/v1/incidents/{Public}/postmortem");
        var seenByParticipant = await participant.GetAsync($"/api/v1/incidents/{Public}/postmortem");

        Assert.Equal(HttpStatusCode.OK, seenByViewer.StatusCode);
        Assert.DoesNotContain(Private, await seenByViewer.Content.ReadAsStringAsync());
        Assert.Contains($"slug: {Private}", await seenByParticipant.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_alertmanager_resend_for_an_incident_made_private_does_not_name_it()
    {
        await using var app = new AppFactory();
        var alertmanager = await app.ApiClientAsync(Role.Admin, AppFactory.OwnerEmail);
        await app.UserAsync("bot@example.com", Role.Responder);
        var bot = await app.ApiClientAsync(Role.Responder, "bot@example.com");
        var notification = new
        {
            version = "4", groupKey = "{}:{alertname=\"DiskFull\"}", status = "firing", receiver = "incidentboard",
            groupLabels = new Dictionary<string, string> { ["alertname"] = "DiskFull" },
            commonLabels = new Dictionary<string, string> { ["alertname"] = "DiskFull" },
            commonAnnotations = new Dictionary<string, string> { ["summary"] = "Disk full on db-7" },
            alerts = new[] { new { status = "firing", fingerprint = "f1", startsAt = new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc), labels = new Dictionary<string, string> { ["alertname"] = "DiskFull" } } },
        };
        var declared = await bot.PostAsJsonAsync("/api/v1/alerts/alertmanager", notification);
        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        var slug = (await declared.JsonAsync()).GetProperty("incident").GetString()!;
        var id = (await Get<IncidentQueries>(app).GetAsync(Actor.System, slug))!.Id;
        Assert.True((await Get<IncidentAccessCommands>(app).SetPrivateAsync(Actor.System, id, true)).Succeeded);

        var resent = await bot.PostAsJsonAsync("/api/v1/alerts/alertmanager", notification);

        Assert.Equal(HttpStatusCode.NotFound, resent.StatusCode);
        Assert.DoesNotContain(slug, await resent.Content.ReadAsStringAsync());
        var byOwner = await alertmanager.PostAsJsonAsync("/api/v1/alerts/alertmanager", notification); // an admin key sees it
        Assert.Equal(slug, (await byOwner.JsonAsync()).GetProperty("incident").GetString());
    }

    [Fact]
    public async Task A_signed_out_wall_display_shows_participants_by_name_and_never_their_email()
    {
        await using var app = new AppFactory { Settings = { ["Auth:AllowAnonymousRead"] = "true" } };
        var created = await Get<UserCommands>(app).CreateAsync(Actor.System, new NewUserInput
        {
            Email = "walter.wall@example.com", DisplayName = "Walter Wall", Role = Role.Responder, Password = "a long enough password", MustChangePassword = false,
        });
        Assert.True(created.Succeeded);
        var id = (await Get<IncidentQueries>(app).GetAsync(Actor.System, Public))!.Id;
        var walter = await UserIdAsync(app, "walter.wall@example.com");
        Assert.True((await Get<IncidentAccessCommands>(app).AddMemberAsync(Actor.System, id, walter)).Succeeded);
        Assert.True((await Get<IncidentAccessCommands>(app).AssignRoleAsync(Actor.System, id, IncidentRole.Commander, await UserIdAsync(app, AppFactory.OwnerEmail))).Succeeded);

        var page = await app.CreateClient(new() { AllowAutoRedirect = false }).GetStringAsync($"/incidents/{Public}");

        Assert.Contains("Walter Wall", page);
        Assert.Contains(AppFactory.OwnerName, page);
        Assert.DoesNotContain("walter.wall@example.com", page);
        Assert.DoesNotContain(AppFactory.OwnerEmail, page);
    }
}
