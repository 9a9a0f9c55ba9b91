using System.Text;
using System.Text.Json;
using Dashboard.Data.Trackers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Dashboard.Tests.Trackers;

/// <summary>
/// Contract tests: Jira Cloud cannot be reached from here, so a local WireMock server answers as the
/// documented REST API v3 does ("Create issue" POST /rest/api/3/issue with its example answer, "Edit
/// issue" PUT /rest/api/3/issue/{key} answering 204). They check what IncidentBoard sends and keeps.
/// </summary>
public sealed class JiraIssuesContractTests : IAsyncLifetime
{
    private const string User = "ops-bot@example.com";
    private const string Token = "jira_contract_test_token";
    private WireMockServer _jira = default!;
    private TrackerRig _rig = default!;
    private int _connection;

    public async Task InitializeAsync()
    {
        _jira = WireMockServer.Start();
        _rig = await TrackerRig.CreateAsync("ops-jira", Token, User);
        _connection = await _rig.ConnectAsync(new TrackerConnectionInput
        {
            Name = "ops-jira", Kind = TrackerKind.Jira, BaseUrl = _jira.Url!, Project = "ED", Labels = "incident followup", IssueType = "Task",
        });
        // The documentation's example answer to a create.
        _jira.Given(Request.Create().WithPath("/rest/api/3/issue").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody("""
                { "id": "10000", "key": "ED-24", "self": "https://your-domain.atlassian.net/rest/api/3/issue/10000",
                  "transition": { "status": 200, "errorCollection": { "errorMessages": [], "errors": {} } } }
                """));
        _jira.Given(Request.Create().WithPath("/rest/api/3/issue/ED-24").UsingPut()).RespondWith(Response.Create().WithStatusCode(204));
    }

    public async Task DisposeAsync()
    {
        _jira.Stop();
        await _rig.DisposeAsync();
    }

    [Fact]
    public async Task Opening_an_issue_sends_the_documented_fields_with_basic_authentication_and_keeps_its_key_and_address()
    {
        var (slug, action) = await _rig.ActionAsync(due: new DateOnly(2026, 12, 20));
        await _rig.RequestAsync(action, _connection);

        Assert.Equal(1, await _rig.RunDueAsync());

        var sent = Assert.Single(_jira.LogEntries).RequestMessage;
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Token}")), sent.Headers!["Authorization"].Single());
        var fields = JsonDocument.Parse(sent.Body!).RootElement.GetProperty("fields");
        Assert.Equal("ED", fields.GetProperty("project").GetProperty("key").GetString());
        Assert.Equal("Add a canary stage", fields.GetProperty("summary").GetString());
        Assert.Equal("Task", fields.GetProperty("issuetype").GetProperty("name").GetString());
        Assert.Equal("2026-12-20", fields.GetProperty("duedate").GetString());
        Assert.Equal(["incident-followup"], fields.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        var description = fields.GetProperty("description");
        Assert.Equal(("doc", 1), (description.GetProperty("type").GetString(), description.GetProperty("version").GetInt32()));
        Assert.Contains($"{TrackerRig.PublicUrl}/incidents/{slug}", description.GetRawText());

        var issue = _rig.Issue(action);
        Assert.Equal(("ED-24", "ED-24", $"{_jira.Url}/browse/ED-24"), (issue.IssueKey, issue.ExternalId, issue.IssueUrl));
    }

    [Fact]
    public async Task A_due_date_edited_here_is_sent_with_the_summary_as_an_edit_of_the_issue()
    {
        var (_, action) = await _rig.ActionAsync(due: new DateOnly(2026, 12, 20));
        await _rig.RequestAsync(action, _connection);
        await _rig.RunDueAsync();

        await _rig.EditAsync(action, a => a.DueDate = new DateOnly(2027, 1, 15));
        Assert.Equal(1, await _rig.RunDueAsync());

        var put = _jira.LogEntries.Last().RequestMessage;
        Assert.Equal(("PUT", "/rest/api/3/issue/ED-24"), (put.Method, put.Path));
        var fields = JsonDocument.Parse(put.Body!).RootElement.GetProperty("fields");
        Assert.Equal(("Add a canary stage", "2027-01-15"), (fields.GetProperty("summary").GetString(), fields.GetProperty("duedate").GetString()));
        Assert.All(_rig.Calls(), c => Assert.Equal(TrackerCallStatus.Done, c.Status));
    }
}
