using System.Net;
using Dashboard.Data.Identity;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Notifications;

/// <summary>Admins name a catalog team's leads through the API (whose digests then carry the team's work).</summary>
public sealed class TeamLeadsApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task An_admin_key_sets_a_teams_leads_by_email_an_unknown_email_is_a_400_and_a_responder_key_is_refused()
    {
        var email = $"lead-{Guid.NewGuid():N}@example.com";
        await app.UserAsync(email, Role.Responder);
        var admin = await app.ApiClientAsync(Role.Admin);

        var set = await admin.SendJsonAsync(HttpMethod.Put, "/api/v1/teams/Payments/leads", new { emails = new[] { email.ToUpperInvariant() } });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(email, (await set.JsonAsync()).GetProperty("emails")[0].GetString());
        var read = await (await admin.GetAsync("/api/v1/teams/Payments/leads")).JsonAsync();
        Assert.Equal(email, read.GetProperty("emails")[0].GetString());

        var refused = await admin.SendJsonAsync(HttpMethod.Put, "/api/v1/teams/Payments/leads", new { emails = new[] { "nobody@example.com" } });
        Assert.Contains("nobody@example.com", (await refused.ProblemAsync(400)).GetProperty("errors").GetProperty("emails")[0].GetString());
        Assert.Equal(email, (await (await admin.GetAsync("/api/v1/teams/Payments/leads")).JsonAsync()).GetProperty("emails")[0].GetString());

        var responder = await app.ApiClientAsync(Role.Responder);
        Assert.Equal(HttpStatusCode.Forbidden, (await responder.SendJsonAsync(HttpMethod.Put, "/api/v1/teams/Payments/leads", new { emails = Array.Empty<string>() })).StatusCode);
    }
}
