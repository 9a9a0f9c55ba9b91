using System.Net;
using System.Text;
using Dashboard.Data.Incidents;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Api;

/// <summary>/api/v1/incidents/{slug}/postmortem: Markdown with front matter out, text back in, and the review workflow.</summary>
public sealed class PostmortemApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static async Task<string> IncidentAsync(HttpClient client)
    {
        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/incidents", new IncidentInput
        {
            Title = "Postmortem via API " + Guid.NewGuid().ToString("N")[..6], Organisation = "Shop", Summary = "s", Started = "2026-03-01 10:00",
        });
        return (await response.JsonAsync()).GetProperty("slug").GetString()!;
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string slug, string markdown, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/incidents/{slug}/postmortem") { Content = new StringContent(markdown, Encoding.UTF8, "text/markdown") };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task The_markdown_comes_out_with_front_matter_and_its_text_goes_back_with_if_match()
    {
        var client = await app.ApiClientAsync(Role.Responder);
        var slug = await IncidentAsync(client);

        var exported = await client.GetAsync($"/api/v1/incidents/{slug}/postmortem");
        Assert.Equal("text/markdown", exported.Content.Headers.ContentType?.MediaType);
        var markdown = await exported.Content.ReadAsStringAsync();
        Assert.StartsWith("---", markdown);
        Assert.Contains($"slug: {slug}", markdown);
        var etag = exported.Headers.ETag!.ToString();

        await (await PutAsync(client, slug, "# Summary\n\nNo precondition.", null)).ProblemAsync(428);
        var saved = await PutAsync(client, slug, markdown + "\n# Summary\n\nWritten by a script.\n", etag);
        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        Assert.NotEqual(etag, saved.Headers.ETag!.ToString());
        var again = await (await client.GetAsync($"/api/v1/incidents/{slug}/postmortem")).Content.ReadAsStringAsync();
        Assert.Contains("Written by a script.", again);

        await (await PutAsync(client, slug, "# Stale", etag)).ProblemAsync(412);
        var other = await PutAsync(client, slug, "---\nslug: some-other-incident\n---\n# Text", saved.Headers.ETag!.ToString());
        Assert.Contains("frontMatter", (await other.ProblemAsync(400)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task The_workflow_moves_with_the_roles_the_page_asks_for()
    {
        var responder = await app.ApiClientAsync(Role.Responder);
        var slug = await IncidentAsync(responder);
        var workflow = await (await responder.GetAsync($"/api/v1/incidents/{slug}/postmortem/workflow")).JsonAsync();
        Assert.Equal("Draft", workflow.GetProperty("status").GetString());
        var etag = (await responder.GetAsync($"/api/v1/incidents/{slug}/postmortem")).Headers.ETag!.ToString();
        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(responder, slug, "# Summary\n\nText.", etag)).StatusCode);

        var submitted = await responder.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{slug}/postmortem/transitions", new { to = "InReview" });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal("InReview", (await submitted.JsonAsync()).GetProperty("status").GetString());
        await (await responder.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{slug}/postmortem/transitions", new { to = "Published" })).ProblemAsync(403);

        var admin = await app.ApiClientAsync(Role.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{slug}/postmortem/transitions", new { to = "Published" })).StatusCode);
        await (await admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{slug}/postmortem/transitions", new { to = "InReview" })).ProblemAsync(409);
        var locked = (await responder.GetAsync($"/api/v1/incidents/{slug}/postmortem")).Headers.ETag!.ToString();
        Assert.Contains("locked", (await (await PutAsync(responder, slug, "# Changed", locked)).ProblemAsync(400)).GetRawText());
    }
}
