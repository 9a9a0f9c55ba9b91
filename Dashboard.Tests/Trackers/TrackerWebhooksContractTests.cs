using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Data.Actions;
using Dashboard.Data.Trackers;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Trackers;

/// <summary>The app with a GitHub and a Jira connection's webhook secrets set; its worker idle, so the tests decide what runs.</summary>
public sealed class TrackerAppFactory : AppFactory
{
    public const string GitHubSecret = "It's a Secret to Everybody";
    public const string JiraSecret = "jira-admin-webhook-secret-0123";
    /// <summary>Listed among both connections' people: cara-gh on GitHub, an account id on Jira.</summary>
    public const string ListedEmail = "cara@example.com";

    public TrackerAppFactory() => Settings = new()
    {
        ["Trackers:Credentials:gh:WebhookSecret"] = GitHubSecret,
        ["Trackers:Credentials:jira:WebhookSecret"] = JiraSecret,
        [$"Trackers:Credentials:gh:People:{ListedEmail}"] = "cara-gh",
        [$"Trackers:Credentials:jira:People:{ListedEmail}"] = "5b10ac8d82e05b22cc7d4ef5",
        ["Trackers:PollInterval"] = "1.00:00:00",
    };
}

/// <summary>
/// Contract tests of the way back in: GitHub's <c>issues</c> event and Jira's <c>jira:issue_updated</c>
/// webhook, in their documented shapes, signed as each documents (X-Hub-Signature-256, and Jira's
/// admin-webhook secret in X-Hub-Signature), correctly and wrongly, against the real app.
/// </summary>
public sealed class TrackerWebhooksContractTests(TrackerAppFactory app) : IClassFixture<TrackerAppFactory>
{
    private static int _next = 2000;

    /// <summary>An action on a seeded incident whose issue was opened in the connection as <paramref name="externalId"/>.</summary>
    private async Task<int> LinkedActionAsync(string connection, TrackerKind kind, string project, string key, string externalId)
    {
        var services = app.Services;
        var commands = services.GetRequiredService<TrackerCommands>();
        var target = await services.GetRequiredService<TrackerQueries>().ConnectionAsync(connection);
        var connectionId = target?.Id ?? (await commands.ConnectAsync(Actor.System, new TrackerConnectionInput
        {
            Name = connection, Kind = kind, Project = project, BaseUrl = kind == TrackerKind.GitHub ? "https://api.github.com" : "https://example.atlassian.net",
        })).Id!.Value;
        var dbFactory = services.GetRequiredService<IDbContextFactory<IncidentBoardDbContext>>();
        int incidentId;
        await using (var db = await dbFactory.CreateDbContextAsync())
            incidentId = await db.Incidents.Where(i => !i.IsPrivate).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
        var action = await services.GetRequiredService<ActionCommands>().CreateAsync(Actor.System, incidentId,
            new ActionInput { Title = "Add a canary stage", DueDate = new DateOnly(2026, 12, 20) });
        var requested = await commands.RequestIssueAsync(Actor.System, action.Id!.Value, connectionId);
        long call;
        await using (var db = await dbFactory.CreateDbContextAsync())
            call = await db.TrackerCalls.Where(c => c.TrackerIssueId == requested.Id).Select(c => c.Id).SingleAsync();
        var recorded = await commands.RecordCreatedAsync(TrackerCommands.ActorFor(connection, kind), call, requested.Id!.Value,
            new CreatedIssue(key, externalId, $"https://example.test/{externalId}", new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.True(recorded.Succeeded);
        return action.Id.Value;
    }

    private async Task<RemediationAction> ActionAsync(int id)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<IncidentBoardDbContext>>().CreateDbContextAsync();
        return await db.RemediationActions.Include(a => a.StatusHistory).AsNoTracking().SingleAsync(a => a.Id == id);
    }

    private static string Sign(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    private static HttpRequestMessage Post(string connection, string body, string header, string? signature, string? githubEvent = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/trackers/{connection}/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null) request.Headers.Add(header, signature);
        if (githubEvent is not null)
        {
            request.Headers.Add("X-GitHub-Event", githubEvent);
            request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        }
        return request;
    }

    // GitHub's "issues" event (action closed), shortened to the documented fields around the ones read.
    private static string GitHubClosed(int number, string stateReason = "completed", string action = "closed") => $$"""
        {
          "action": "{{action}}",
          "issue": {
            "url": "https://api.github.com/repos/octocat/Hello-World/issues/{{number}}",
            "html_url": "https://github.com/octocat/Hello-World/issues/{{number}}",
            "id": 1, "number": {{number}}, "title": "Add a canary stage", "state": "closed", "state_reason": "{{stateReason}}",
            "user": { "login": "octocat", "id": 1 }, "labels": [], "comments": 0,
            "created_at": "2026-12-01T09:00:00Z", "updated_at": "2030-01-01T10:00:00Z", "closed_at": "2030-01-01T10:00:00Z"
          },
          "repository": { "id": 1296269, "name": "Hello-World", "full_name": "octocat/Hello-World", "html_url": "https://github.com/octocat/Hello-World" },
          "sender": { "login": "octocat", "id": 1, "type": "User" }
        }
        """;

    // Jira's issue webhook (jira:issue_updated) after a transition to a done status, in its documented shape.
    private static string JiraResolved(string key, string resolution) => $$"""
        {
          "timestamp": 1893492000000,
          "webhookEvent": "jira:issue_updated",
          "issue_event_type_name": "issue_generic",
          "user": { "self": "https://example.atlassian.net/rest/api/2/user?accountId=5b10a2844c20165700ede21g", "accountId": "5b10a2844c20165700ede21g", "displayName": "Mia Krystof", "active": true },
          "issue": {
            "id": "10000", "self": "https://example.atlassian.net/rest/api/2/issue/10000", "key": "{{key}}",
            "fields": {
              "summary": "Add a canary stage", "duedate": "2026-12-20", "updated": "2030-01-01T10:00:00.000+0000",
              "status": { "name": "Done", "statusCategory": { "id": 3, "key": "done", "name": "Done" } },
              "resolution": { "id": "10001", "name": "{{resolution}}" }
            }
          },
          "changelog": { "id": "10100", "items": [
            { "field": "resolution", "fieldtype": "jira", "from": null, "fromString": null, "to": "10001", "toString": "{{resolution}}" },
            { "field": "status", "fieldtype": "jira", "from": "10000", "fromString": "To Do", "to": "10001", "toString": "Done" } ] }
        }
        """;

    [Fact]
    public async Task A_signed_GitHub_close_moves_the_action_to_done_with_who_closed_it()
    {
        var number = Interlocked.Increment(ref _next);
        var action = await LinkedActionAsync("gh", TrackerKind.GitHub, "octocat/Hello-World", $"#{number}", number.ToString());
        var body = GitHubClosed(number);

        var response = await app.CreateClient().SendAsync(Post("gh", body, "X-Hub-Signature-256", Sign(TrackerAppFactory.GitHubSecret, body), "issues"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var closed = await ActionAsync(action);
        Assert.Equal(ActionStatus.Done, closed.Status);
        Assert.Equal($"closed in GitHub #{number} by octocat", closed.StatusHistory.OrderBy(h => h.Id).Last().By);
    }

    [Fact]
    public async Task A_GitHub_close_as_not_planned_moves_the_action_to_wont_do()
    {
        var number = Interlocked.Increment(ref _next);
        var action = await LinkedActionAsync("gh", TrackerKind.GitHub, "octocat/Hello-World", $"#{number}", number.ToString());
        var body = GitHubClosed(number, "not_planned");

        await app.CreateClient().SendAsync(Post("gh", body, "X-Hub-Signature-256", Sign(TrackerAppFactory.GitHubSecret, body), "issues"));

        Assert.Equal(ActionStatus.WontDo, (await ActionAsync(action)).Status);
    }

    [Theory]
    [InlineData("wrong secret")]
    [InlineData(null)]
    public async Task A_GitHub_delivery_signed_wrongly_or_not_at_all_is_refused_with_401_and_changes_nothing(string? secret)
    {
        var number = Interlocked.Increment(ref _next);
        var action = await LinkedActionAsync("gh", TrackerKind.GitHub, "octocat/Hello-World", $"#{number}", number.ToString());
        var body = GitHubClosed(number);

        var response = await app.CreateClient().SendAsync(Post("gh", body, "X-Hub-Signature-256", secret is null ? null : Sign(secret, body), "issues"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ActionStatus.Open, (await ActionAsync(action)).Status);
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_refused()
    {
        var number = Interlocked.Increment(ref _next);
        var action = await LinkedActionAsync("gh", TrackerKind.GitHub, "octocat/Hello-World", $"#{number}", number.ToString());
        var signed = GitHubClosed(number, "not_planned");

        var response = await app.CreateClient().SendAsync(Post("gh", GitHubClosed(number), "X-Hub-Signature-256", Sign(TrackerAppFactory.GitHubSecret, signed), "issues"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ActionStatus.Open, (await ActionAsync(action)).Status);
    }

    [Fact]
    public async Task A_connection_without_a_webhook_secret_refuses_every_delivery()
    {
        var body = GitHubClosed(1);

        var response = await app.CreateClient().SendAsync(Post("unknown", body, "X-Hub-Signature-256", Sign("anything", body), "issues"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_signed_Jira_resolution_of_wont_do_moves_the_action_to_wont_do_and_done_to_done()
    {
        var n = Interlocked.Increment(ref _next);
        var wontDo = await LinkedActionAsync("jira", TrackerKind.Jira, "ED", $"ED-{n}", $"ED-{n}");
        var done = await LinkedActionAsync("jira", TrackerKind.Jira, "ED", $"ED-{n + 10000}", $"ED-{n + 10000}");
        var first = JiraResolved($"ED-{n}", "Won't Do");
        var second = JiraResolved($"ED-{n + 10000}", "Done");

        var a = await app.CreateClient().SendAsync(Post("jira", first, "X-Hub-Signature", Sign(TrackerAppFactory.JiraSecret, first)));
        var b = await app.CreateClient().SendAsync(Post("jira", second, "X-Hub-Signature", Sign(TrackerAppFactory.JiraSecret, second)));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (a.StatusCode, b.StatusCode));
        var notDone = await ActionAsync(wontDo);
        Assert.Equal((ActionStatus.WontDo, $"Closed as not planned in Jira ED-{n} by Mia Krystof"), (notDone.Status, notDone.WontDoReason));
        var finished = await ActionAsync(done);
        Assert.Equal(ActionStatus.Done, finished.Status);
        Assert.Equal($"closed in Jira ED-{n + 10000} by Mia Krystof", finished.StatusHistory.OrderBy(h => h.Id).Last().By);
    }

    [Fact]
    public async Task A_Jira_delivery_signed_with_another_secret_is_refused_with_401_and_changes_nothing()
    {
        var n = Interlocked.Increment(ref _next);
        var action = await LinkedActionAsync("jira", TrackerKind.Jira, "ED", $"ED-{n}", $"ED-{n}");
        var body = JiraResolved($"ED-{n}", "Done");

        var response = await app.CreateClient().SendAsync(Post("jira", body, "X-Hub-Signature", Sign(TrackerAppFactory.GitHubSecret, body)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ActionStatus.Open, (await ActionAsync(action)).Status);
    }

    // GitHub's "issues" event with action "assigned": the documented payload adds the assignee it gained.
    private static string GitHubAssigned(int number, string login)
    {
        var body = JsonNode.Parse(GitHubClosed(number, action: "assigned"))!;
        body["issue"]!["state"] = "open";
        body["assignee"] = new JsonObject { ["login"] = login, ["id"] = 583231, ["type"] = "User" };
        return body.ToJsonString();
    }

    // Jira's issue webhook after the assignee changed: its changelog names the new one by account id.
    private static string JiraAssigned(string key, string accountId)
    {
        var body = JsonNode.Parse(JiraResolved(key, "Done"))!;
        body["changelog"]!["items"] = new JsonArray(new JsonObject
        {
            ["field"] = "assignee", ["fieldtype"] = "jira", ["fieldId"] = "assignee", ["from"] = null, ["fromString"] = null,
            ["to"] = accountId, ["toString"] = "Cara Listed",
        });
        return body.ToJsonString();
    }

    private async Task<string> ListedUserIdAsync()
    {
        var users = app.Services.GetRequiredService<Dashboard.Data.Identity.UserQueries>();
        if ((await users.ListAsync()).FirstOrDefault(u => u.Email == TrackerAppFactory.ListedEmail) is { } known) return known.Id;
        await Dashboard.Tests.Api.ApiTestKeys.UserAsync(app, TrackerAppFactory.ListedEmail, Dashboard.Data.Kernel.Role.Responder);
        return (await users.ListAsync()).Single(u => u.Email == TrackerAppFactory.ListedEmail).Id;
    }

    [Fact]
    public async Task An_assignment_in_GitHub_or_Jira_to_a_listed_person_makes_them_the_owner_and_an_unlisted_assignee_changes_nothing()
    {
        var cara = await ListedUserIdAsync();
        var n = Interlocked.Increment(ref _next);
        var onGitHub = await LinkedActionAsync("gh", TrackerKind.GitHub, "octocat/Hello-World", $"#{n}", $"{n}");
        var onJira = await LinkedActionAsync("jira", TrackerKind.Jira, "ED", $"ED-{n}", $"ED-{n}");
        var stranger = GitHubAssigned(n, "someone-else");
        var github = GitHubAssigned(n, "cara-gh");
        var jira = JiraAssigned($"ED-{n}", "5b10ac8d82e05b22cc7d4ef5");

        var ignored = await app.CreateClient().SendAsync(Post("gh", stranger, "X-Hub-Signature-256", Sign(TrackerAppFactory.GitHubSecret, stranger), "issues"));
        Assert.Equal(HttpStatusCode.Accepted, ignored.StatusCode);
        Assert.Null((await ActionAsync(onGitHub)).OwnerUserId);

        var a = await app.CreateClient().SendAsync(Post("gh", github, "X-Hub-Signature-256", Sign(TrackerAppFactory.GitHubSecret, github), "issues"));
        var b = await app.CreateClient().SendAsync(Post("jira", jira, "X-Hub-Signature", Sign(TrackerAppFactory.JiraSecret, jira)));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (a.StatusCode, b.StatusCode));
        Assert.Equal(cara, (await ActionAsync(onGitHub)).OwnerUserId);
        Assert.Equal((cara, ActionStatus.Open), ((await ActionAsync(onJira)).OwnerUserId, (await ActionAsync(onJira)).Status));
    }
}
