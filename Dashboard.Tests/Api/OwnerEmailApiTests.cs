using System.Net;
using System.Net.Http.Json;
using Dashboard.Api;
using Dashboard.Data.Actions;
using Dashboard.Data.Identity;
using Dashboard.Data.Incidents;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Api;

/// <summary>Programs name an action's owner by email (<c>ownerEmail</c>), and learn their own user id from /api/v1/me.</summary>
public sealed class OwnerEmailApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<string> IncidentAsync(HttpClient client)
    {
        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/incidents", new IncidentInput
        {
            Title = "Owners by email " + Guid.NewGuid().ToString("N")[..6], Organisation = "Shop", Summary = "s", Started = "2026-03-01 10:00",
        });
        return (await response.JsonAsync()).GetProperty("slug").GetString()!;
    }

    private async Task<string> UserIdAsync(string email) =>
        (await app.Services.GetRequiredService<UserQueries>().ListAsync()).Single(u => u.Email == email).Id;

    [Fact]
    public async Task An_action_created_with_an_owner_email_is_owned_by_that_account_whatever_the_case()
    {
        var email = $"ana-{Guid.NewGuid():N}@example.com";
        await app.UserAsync(email, Role.Responder);
        var client = await app.ApiClientAsync(Role.Responder);
        var slug = await IncidentAsync(client);

        var created = await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{slug}/actions",
            new ActionInput { Title = "Add a canary stage", OwnerEmail = email.ToUpperInvariant() });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var fields = (await created.JsonAsync()).GetProperty("fields");
        Assert.Equal(await UserIdAsync(email), fields.GetProperty("ownerUserId").GetString());
        Assert.Equal(email.Split('@')[0], fields.GetProperty("owner").GetString());
    }

    [Fact]
    public async Task An_unknown_owner_email_is_refused_with_400_naming_the_field_and_nothing_is_saved()
    {
        var client = await app.ApiClientAsync(Role.Responder);
        var slug = await IncidentAsync(client);

        var refused = await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{slug}/actions",
            new ActionInput { Title = "Add a canary stage", OwnerEmail = "nobody@example.com" });

        var errors = (await refused.ProblemAsync(400)).GetProperty("errors");
        Assert.Contains("nobody@example.com", errors.GetProperty("ownerEmail")[0].GetString());
        Assert.Equal(0, (await (await client.GetAsync($"/api/v1/incidents/{slug}/actions")).JsonAsync()).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Me_names_the_keys_owner_by_user_id()
    {
        var client = await app.ApiClientAsync(Role.Viewer);

        var me = await client.GetFromJsonAsync<ApiCaller>("/api/v1/me");

        Assert.Equal(await UserIdAsync(AppFactory.OwnerEmail), me!.UserId);
    }
}
