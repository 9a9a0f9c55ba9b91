using System.Net;
using Dashboard.Data.Incidents;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Api;

/// <summary>/api/v1/incidents/{slug}/questions through the real app host.</summary>
public sealed class QuestionsApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static async Task<string> IncidentAsync(HttpClient client, bool isPrivate = false)
    {
        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/incidents", new IncidentInput
        {
            Title = $"Queue backlog {Guid.NewGuid().ToString("N")[..6]}", Organisation = "Shop", Summary = "s", Started = "2026-03-01 10:00", IsPrivate = isPrivate,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("slug").GetString()!;
    }

    [Fact]
    public async Task A_question_is_asked_answered_reopened_and_removed_with_its_version_in_If_Match()
    {
        var responder = await app.ApiClientAsync(Role.Responder);
        var slug = await IncidentAsync(responder);

        var asked = await responder.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{slug}/questions", new { text = "Why was nobody paged?" });
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var question = await asked.JsonAsync();
        var id = question.GetProperty("id").GetInt32();
        Assert.False(question.GetProperty("answered").GetBoolean());
        var etag = asked.Headers.ETag!.Tag;

        await (await responder.SendJsonAsync(HttpMethod.Put, $"/api/v1/incidents/{slug}/questions/{id}/answer", new { answer = "The rota was empty." })).ProblemAsync(428);
        var answered = await responder.SendJsonAsync(HttpMethod.Put, $"/api/v1/incidents/{slug}/questions/{id}/answer", new { answer = "The rota was empty." }, ifMatch: etag);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("The rota was empty.", (await answered.JsonAsync()).GetProperty("answer").GetString());
        await (await responder.SendJsonAsync(HttpMethod.Delete, $"/api/v1/incidents/{slug}/questions/{id}/answer", null, ifMatch: etag)).ProblemAsync(412);
        var reopened = await responder.SendJsonAsync(HttpMethod.Delete, $"/api/v1/incidents/{slug}/questions/{id}/answer", null, ifMatch: answered.Headers.ETag!.Tag);
        Assert.False((await reopened.JsonAsync()).GetProperty("answered").GetBoolean());

        var listed = await (await responder.GetAsync($"/api/v1/incidents/{slug}/questions")).JsonAsync();
        Assert.Equal("Why was nobody paged?", listed[0].GetProperty("text").GetString());
        var viewer = await app.ApiClientAsync(Role.Viewer);
        await (await viewer.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{slug}/questions", new { text = "x" })).ProblemAsync(403);
        Assert.Equal(HttpStatusCode.NoContent,
            (await responder.SendJsonAsync(HttpMethod.Delete, $"/api/v1/incidents/{slug}/questions/{id}", null, ifMatch: reopened.Headers.ETag!.Tag)).StatusCode);
        Assert.Equal(0, (await (await responder.GetAsync($"/api/v1/incidents/{slug}/questions")).JsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task A_private_incidents_questions_are_a_404_to_a_key_that_may_not_see_it()
    {
        var admin = await app.ApiClientAsync(Role.Admin);
        var hidden = await IncidentAsync(admin, isPrivate: true);
        Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{hidden}/questions", new { text = "Secret?" })).StatusCode);
        var email = $"outsider-{Guid.NewGuid():N}@example.com";
        await app.UserAsync(email, Role.Responder);
        var outsider = await app.ApiClientAsync(Role.Responder, email);

        await (await outsider.GetAsync($"/api/v1/incidents/{hidden}/questions")).ProblemAsync(404);
        await (await outsider.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{hidden}/questions", new { text = "x" })).ProblemAsync(404);
    }
}
