using System.Text.Json;
using Dashboard.Data.Trackers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Dashboard.Tests.Trackers;

/// <summary>
/// Contract tests: GitHub cannot be reached from here, so a local WireMock server answers as GitHub's
/// documented REST API does ("Create an issue", "Update an issue", API version 2022-11-28), with the
/// documentation's example answer. They check what IncidentBoard sends and what it keeps; they do not
/// prove that github.com behaves as documented.
/// </summary>
public sealed class GitHubIssuesContractTests : IAsyncLifetime
{
    private const string Token = "ghp_contract_test_token";
    private WireMockServer _github = default!;
    private TrackerRig _rig = default!;
    private int _connection;

    // The documentation's example answer to POST /repos/{owner}/{repo}/issues, shortened to the fields that matter and a few around them.
    private const string Created = """
        {
          "id": 1, "node_id": "MDU6SXNzdWUx",
          "url": "https://api.github.com/repos/octocat/Hello-World/issues/1347",
          "repository_url": "https://api.github.com/repos/octocat/Hello-World",
          "html_url": "https://github.com/octocat/Hello-World/issues/1347",
          "number": 1347, "state": "open", "title": "Found a bug", "body": "I'm having a problem with this.",
          "user": { "login": "octocat", "id": 1 },
          "labels": [ { "id": 208045946, "name": "bug", "color": "f29513", "default": true } ],
          "locked": false, "comments": 0, "closed_at": null,
          "created_at": "2011-04-22T13:33:48Z", "updated_at": "2011-04-22T13:33:48Z", "author_association": "COLLABORATOR", "state_reason": null
        }
        """;

    public async Task InitializeAsync()
    {
        _github = WireMockServer.Start();
        _rig = await TrackerRig.CreateAsync("ops-github", Token);
        _connection = await _rig.ConnectAsync(new TrackerConnectionInput
        {
            Name = "ops-github", Kind = TrackerKind.GitHub, BaseUrl = _github.Url!, Project = "octocat/Hello-World", Labels = "incident-followup, reliability",
        });
    }

    public async Task DisposeAsync()
    {
        _github.Stop();
        await _rig.DisposeAsync();
    }

    private void AnswerCreate(int status = 201, string? body = null) =>
        _github.Given(Request.Create().WithPath("/repos/octocat/Hello-World/issues").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json; charset=utf-8").WithBody(body ?? Created));

    [Fact]
    public async Task Opening_an_issue_sends_the_documented_request_and_the_action_keeps_its_number_and_address()
    {
        AnswerCreate();
        var (slug, action) = await _rig.ActionAsync(due: new DateOnly(2026, 12, 20));
        await _rig.RequestAsync(action, _connection);

        Assert.Equal(1, await _rig.RunDueAsync());

        var sent = Assert.Single(_github.LogEntries).RequestMessage;
        Assert.Equal("POST", sent.Method);
        Assert.Equal("Bearer " + Token, sent.Headers!["Authorization"].Single());
        Assert.Equal("application/vnd.github+json", sent.Headers["Accept"].Single());
        Assert.Equal("2022-11-28", sent.Headers["X-GitHub-Api-Version"].Single());
        Assert.StartsWith("IncidentBoard", sent.Headers["User-Agent"].Single());
        var body = JsonDocument.Parse(sent.Body!).RootElement;
        Assert.Equal("Add a canary stage", body.GetProperty("title").GetString());
        Assert.Equal(["incident-followup", "reliability"], body.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Contains("Roll out to 1 % first.", body.GetProperty("body").GetString());
        Assert.Contains($"{TrackerRig.PublicUrl}/incidents/{slug}", body.GetProperty("body").GetString());

        var issue = _rig.Issue(action);
        Assert.Equal((TrackerIssueState.Open, "#1347", "1347", "https://github.com/octocat/Hello-World/issues/1347"),
            (issue.State, issue.IssueKey, issue.ExternalId, issue.IssueUrl));
        Assert.Equal("https://github.com/octocat/Hello-World/issues/1347", _rig.Action(action).ExternalUrl);
        Assert.Equal(TrackerCallStatus.Done, Assert.Single(_rig.Calls()).Status);
    }

    [Fact]
    public async Task The_same_action_asked_twice_opens_one_issue()
    {
        AnswerCreate();
        var (_, action) = await _rig.ActionAsync();

        await _rig.RequestAsync(action, _connection);
        await _rig.RunDueAsync();
        await _rig.RequestAsync(action, _connection);
        _rig.Clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(0, await _rig.RunDueAsync());
        Assert.Single(_github.LogEntries);
    }

    [Fact]
    public async Task A_refusal_is_kept_with_its_reason_retried_after_a_delay_and_then_opens_the_issue()
    {
        AnswerCreate(502, """{ "message": "Server Error" }""");
        var (_, action) = await _rig.ActionAsync();
        await _rig.RequestAsync(action, _connection);

        await _rig.RunDueAsync();

        var failing = Assert.Single(_rig.Calls());
        Assert.Equal((TrackerCallStatus.Pending, 1), (failing.Status, failing.Attempts));
        Assert.Contains("502", failing.LastError);
        Assert.Contains("Server Error", failing.LastError);
        Assert.DoesNotContain(Token, failing.LastError);
        var problem = Assert.Single(await _rig.Get<TrackerQueries>().ProblemsAsync());
        Assert.Equal(("ops-github", "Add a canary stage"), (problem.ConnectionName, problem.ActionTitle));
        Assert.Equal(0, await _rig.RunDueAsync()); // not again before its delay

        _github.ResetMappings();
        AnswerCreate();
        _rig.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await _rig.RunDueAsync());

        Assert.Equal("#1347", _rig.Issue(action).IssueKey);
        Assert.Equal(2, _github.LogEntries.Count());
        Assert.Empty(await _rig.Get<TrackerQueries>().ProblemsAsync());
    }

    [Fact]
    public async Task A_call_failing_past_the_retry_window_fails_for_good_and_shows_why()
    {
        AnswerCreate(401, """{ "message": "Bad credentials", "documentation_url": "https://docs.github.com/rest", "status": "401" }""");
        var (_, action) = await _rig.ActionAsync();
        await _rig.RequestAsync(action, _connection);
        await _rig.RunDueAsync();

        _rig.Clock.Advance(TimeSpan.FromHours(2)); // past the rig's one-hour window
        await _rig.RunDueAsync();

        var failed = Assert.Single(await _rig.Get<TrackerQueries>().ProblemsAsync());
        Assert.Equal((TrackerCallStatus.Failed, 2), (failed.Status, failed.Attempts));
        Assert.Contains("Bad credentials", failed.LastError);
        Assert.Equal(TrackerIssueState.Requested, _rig.Issue(action).State);
    }

    [Fact]
    public async Task A_title_edited_here_is_sent_as_an_update_of_the_issue()
    {
        AnswerCreate();
        _github.Given(Request.Create().WithPath("/repos/octocat/Hello-World/issues/1347").UsingPatch())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Created.Replace("Found a bug", "Add a canary stage (10 %)")));
        var (_, action) = await _rig.ActionAsync();
        await _rig.RequestAsync(action, _connection);
        await _rig.RunDueAsync();

        Assert.True((await _rig.EditAsync(action, a => a.Title = "Add a canary stage (10 %)")).Succeeded);
        Assert.Equal(1, await _rig.RunDueAsync());

        var patch = _github.LogEntries.Last().RequestMessage;
        Assert.Equal(("PATCH", "/repos/octocat/Hello-World/issues/1347"), (patch.Method, patch.Path));
        Assert.Equal("Add a canary stage (10 %)", JsonDocument.Parse(patch.Body!).RootElement.GetProperty("title").GetString());
        Assert.All(_rig.Calls(), c => Assert.Equal(TrackerCallStatus.Done, c.Status));
    }

    [Fact]
    public async Task An_owner_listed_among_the_connections_people_is_the_issues_assignee_and_an_unlisted_owner_leaves_the_assignees_alone()
    {
        AnswerCreate();
        _github.Given(Request.Create().WithPath("/repos/octocat/Hello-World/issues/1347").UsingPatch())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Created));
        var ann = await _rig.UserAsync(TrackerRig.ListedEmail, "Ann Listed");
        var bob = await _rig.UserAsync("bob@example.com", "Bob Unlisted");
        var (_, action) = await _rig.ActionAsync();
        Assert.True((await _rig.EditAsync(action, a => a.OwnerUserId = ann.UserId)).Succeeded);
        await _rig.RequestAsync(action, _connection);

        await _rig.RunDueAsync();
        var created = JsonDocument.Parse(_github.LogEntries.Last().RequestMessage.Body!).RootElement;
        Assert.Equal(["ann-on-the-tracker"], created.GetProperty("assignees").EnumerateArray().Select(a => a.GetString()));

        Assert.True((await _rig.EditAsync(action, a => a.OwnerUserId = bob.UserId)).Succeeded);
        Assert.Equal(1, await _rig.RunDueAsync()); // an owner change is sent like a title change
        var patch = _github.LogEntries.Last().RequestMessage;
        Assert.Equal("PATCH", patch.Method);
        Assert.False(JsonDocument.Parse(patch.Body!).RootElement.TryGetProperty("assignees", out _));

        Assert.True((await _rig.EditAsync(action, a => a.OwnerUserId = ann.UserId)).Succeeded);
        await _rig.RunDueAsync();
        Assert.Equal(["ann-on-the-tracker"], JsonDocument.Parse(_github.LogEntries.Last().RequestMessage.Body!).RootElement
            .GetProperty("assignees").EnumerateArray().Select(a => a.GetString()));
    }
}
