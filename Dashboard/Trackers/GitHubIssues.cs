using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dashboard.Data.Trackers;

namespace Dashboard.Trackers;

/// <summary>
/// GitHub Issues (REST API version 2022-11-28): <c>POST /repos/{owner}/{repo}/issues</c> to open,
/// <c>PATCH /repos/{owner}/{repo}/issues/{number}</c> to retitle and reassign, and the <c>issues</c> webhook
/// event. GitHub issues have no due date, so due dates do not flow either way here.
/// </summary>
public sealed class GitHubIssues : ITrackerProvider
{
    public const string ApiVersion = "2022-11-28";
    private static readonly JsonSerializerOptions Snake = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public TrackerKind Kind => TrackerKind.GitHub;
    public string SignatureHeader => "X-Hub-Signature-256";

    public async Task<CreatedIssue> CreateAsync(HttpClient http, IssueDraft draft, TrackerCredentials credentials, string linkBack, CancellationToken ct)
    {
        var body = new StringBuilder(draft.Description ?? "");
        if (body.Length > 0) body.Append("\n\n");
        body.Append($"Follow-up of incident **{draft.IncidentTitle}**");
        if (draft.DueDate is { } due) body.Append($", due {due:yyyy-MM-dd}");
        body.Append($": {linkBack}");
        var issue = new Dictionary<string, object?> { ["title"] = draft.Title, ["body"] = body.ToString(), ["labels"] = draft.Target.Labels };
        if (credentials.TrackerIdOf(draft.OwnerEmail) is { } login) issue["assignees"] = new[] { login };
        using var request = Request(HttpMethod.Post, draft.Target, "issues", credentials, issue);
        using var response = await TrackerHttp.SendAsync(http, request, ct);
        var created = await response.Content.ReadFromJsonAsync<GitHubIssue>(Snake, ct)
            ?? throw new TrackerCallException("GitHub answered 201 without an issue.");
        return new CreatedIssue($"#{created.Number}", created.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), created.HtmlUrl ?? "",
            TrackerHttp.Utc(created.UpdatedAt));
    }

    public async Task UpdateAsync(HttpClient http, IssueDraft draft, TrackerCredentials credentials, CancellationToken ct)
    {
        // Assignees are replaced only for an owner we can name there: an unlisted owner leaves GitHub's assignees as they are.
        var issue = new Dictionary<string, object?> { ["title"] = draft.Title };
        if (credentials.TrackerIdOf(draft.OwnerEmail) is { } login) issue["assignees"] = new[] { login };
        using var request = Request(HttpMethod.Patch, draft.Target, $"issues/{draft.ExternalId}", credentials, issue);
        using var _ = await TrackerHttp.SendAsync(http, request, ct);
    }

    private static HttpRequestMessage Request(HttpMethod method, TrackerTarget target, string path, TrackerCredentials credentials, object body)
    {
        var request = new HttpRequestMessage(method, $"{target.BaseUrl}/repos/{target.Project}/{path}") { Content = JsonContent.Create(body) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credentials.Token);
        request.Headers.Add("X-GitHub-Api-Version", ApiVersion);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("IncidentBoard", "1")); // GitHub refuses requests without one
        return request;
    }

    public (RemoteIssueChange? Change, string? Ignored) ReadWebhook(TrackerTarget target, TrackerCredentials credentials, IHeaderDictionary headers, byte[] body, DateTime now)
    {
        var kind = headers["X-GitHub-Event"].ToString();
        if (kind == "ping") return (null, "ping");
        if (kind != "issues") return (null, $"'{kind}' events are not read; send issues events.");
        var e = JsonSerializer.Deserialize<GitHubIssuesEvent>(body, Snake);
        if (e?.Issue is not { } issue || e.Repository?.FullName is not { } repository)
            throw new JsonException("The body lacks issue or repository.full_name.");
        if (!string.Equals(repository, target.Project, StringComparison.OrdinalIgnoreCase))
            return (null, $"'{repository}' is not the repository of this connection ({target.Project}).");
        var change = new RemoteIssueChange(issue.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Sender?.Login ?? "someone",
            TrackerHttp.Utc(issue.UpdatedAt) ?? now);
        return e.Action switch
        {
            "closed" => (change with { ClosedAsDone = issue.StateReason != "not_planned" }, null),
            "reopened" => (change with { Reopened = true }, null),
            "edited" when e.Changes?.Title is not null => (change with { Title = issue.Title }, null),
            // One owner here, several assignees there: the newest assignment names the owner; an unassignment leaves the owner.
            "assigned" => credentials.EmailOf(e.Assignee?.Login) is { } email
                ? (change with { AssigneeEmail = email }, null)
                : (null, $"'{e.Assignee?.Login}' is not among the people of this connection (Trackers:Credentials:{target.Name}:People)."),
            _ => (null, $"'{e.Action}' on an issue changes nothing here."),
        };
    }
}

// The fields used of GitHub's issue and its "issues" webhook event (docs.github.com: webhook events and payloads, issues).
public sealed record GitHubIssue(long Number, string? Title, string? State, string? StateReason, string? HtmlUrl, string? UpdatedAt);
public sealed record GitHubIssuesEvent(string? Action, GitHubIssue? Issue, GitHubIssueChanges? Changes, GitHubIssueRepository? Repository, GitHubIssueUser? Sender,
    GitHubIssueUser? Assignee = null);
public sealed record GitHubIssueChanges(GitHubFrom? Title);
public sealed record GitHubFrom(string? From);
public sealed record GitHubIssueRepository(string? FullName);
public sealed record GitHubIssueUser(string? Login);
