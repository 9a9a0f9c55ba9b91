using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dashboard.Data.Trackers;

namespace Dashboard.Trackers;

/// <summary>
/// Jira Cloud (REST API v3): <c>POST /rest/api/3/issue</c> to open (the description in Atlassian
/// Document Format), <c>PUT /rest/api/3/issue/{key}</c> to send the summary, due date and assignee, and
/// admin webhooks (<c>jira:issue_updated</c>) signed with their secret in <c>X-Hub-Signature</c>.
/// </summary>
public sealed class JiraIssues : ITrackerProvider
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>Resolutions that mean "closed, not done" (Jira's defaults and common additions).</summary>
    private static readonly HashSet<string> NotDone = new(["Won't Do", "Won't Fix", "Declined", "Cannot Reproduce", "Duplicate", "Not planned"],
        StringComparer.OrdinalIgnoreCase);

    public TrackerKind Kind => TrackerKind.Jira;
    public string SignatureHeader => "X-Hub-Signature";

    public async Task<CreatedIssue> CreateAsync(HttpClient http, IssueDraft draft, TrackerCredentials credentials, string linkBack, CancellationToken ct)
    {
        var paragraphs = new List<object>();
        if (!string.IsNullOrWhiteSpace(draft.Description)) paragraphs.Add(Paragraph(Text(draft.Description)));
        var origin = new List<object> { Text($"Follow-up of incident {draft.IncidentTitle}") };
        origin.AddRange([Text(": "), new { type = "text", text = linkBack, marks = new[] { new { type = "link", attrs = new { href = linkBack } } } }]);
        paragraphs.Add(Paragraph([.. origin]));
        var fields = new Dictionary<string, object?>
        {
            ["project"] = new { key = draft.Target.Project },
            ["summary"] = draft.Title,
            ["issuetype"] = new { name = draft.Target.IssueType ?? "Task" },
            ["labels"] = draft.Target.Labels.Select(l => l.Replace(' ', '-')).ToArray(), // Jira labels cannot hold spaces
            ["description"] = new { type = "doc", version = 1, content = paragraphs },
        };
        if (draft.DueDate is { } due) fields["duedate"] = due.ToString("yyyy-MM-dd");
        if (credentials.TrackerIdOf(draft.OwnerEmail) is { } accountId) fields["assignee"] = new { accountId };
        using var request = Request(HttpMethod.Post, draft.Target, "rest/api/3/issue", credentials, new { fields });
        using var response = await TrackerHttp.SendAsync(http, request, ct);
        var created = await response.Content.ReadFromJsonAsync<JiraCreated>(Web, ct) ?? throw new TrackerCallException("Jira answered 201 without an issue.");
        return new CreatedIssue(created.Key, created.Key, $"{draft.Target.BaseUrl}/browse/{created.Key}", null);
    }

    public async Task UpdateAsync(HttpClient http, IssueDraft draft, TrackerCredentials credentials, CancellationToken ct)
    {
        var fields = new Dictionary<string, object?> { ["summary"] = draft.Title, ["duedate"] = draft.DueDate?.ToString("yyyy-MM-dd") };
        // The assignee is replaced only for an owner we can name there: an unlisted owner leaves Jira's assignee as it is.
        if (credentials.TrackerIdOf(draft.OwnerEmail) is { } accountId) fields["assignee"] = new { accountId };
        using var request = Request(HttpMethod.Put, draft.Target, $"rest/api/3/issue/{Uri.EscapeDataString(draft.ExternalId!)}", credentials, new { fields });
        using var _ = await TrackerHttp.SendAsync(http, request, ct);
    }

    /// <summary>Jira writes "2025-11-18T10:12:00.000+0000": the offset without its colon, which .NET does not read.</summary>
    private static DateTime? Time(string? text) =>
        text is { Length: > 5 } t && (t[^5] is '+' or '-') && t[^4..].All(char.IsAsciiDigit) ? TrackerHttp.Utc(t.Insert(t.Length - 2, ":")) : TrackerHttp.Utc(text);

    private static object Text(string text) => new { type = "text", text };
    private static object Paragraph(params object[] content) => new { type = "paragraph", content };

    private static HttpRequestMessage Request(HttpMethod method, TrackerTarget target, string path, TrackerCredentials credentials, object body)
    {
        var request = new HttpRequestMessage(method, $"{target.BaseUrl}/{path}") { Content = JsonContent.Create(body) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        // Jira Cloud: basic authentication with the account's email and an API token.
        request.Headers.Authorization = credentials.User is { Length: > 0 } user
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{credentials.Token}")))
            : new AuthenticationHeaderValue("Bearer", credentials.Token);
        return request;
    }

    public (RemoteIssueChange? Change, string? Ignored) ReadWebhook(TrackerTarget target, TrackerCredentials credentials, IHeaderDictionary headers, byte[] body, DateTime now)
    {
        var e = JsonSerializer.Deserialize<JiraWebhookEvent>(body, Web);
        if (e?.Issue is not { Key: { } key } issue) throw new JsonException("The body lacks issue.key.");
        if (e.WebhookEvent != "jira:issue_updated") return (null, $"'{e.WebhookEvent}' events are not read; send jira:issue_updated.");
        if (!key.StartsWith(target.Project + "-", StringComparison.Ordinal)) return (null, $"'{key}' is not in this connection's project ({target.Project}).");
        var items = e.Changelog?.Items ?? [];
        var at = Time(issue.Fields?.Updated)
            ?? (e.Timestamp is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime : now);
        var change = new RemoteIssueChange(key, e.User?.DisplayName ?? "someone", at);
        if (items.Any(i => i.Field == "status"))
        {
            var done = issue.Fields?.Status?.StatusCategory?.Key == "done";
            change = done
                ? change with { ClosedAsDone = issue.Fields?.Resolution?.Name is not { } resolution || !NotDone.Contains(resolution) }
                : change with { Reopened = true };
        }
        if (items.Any(i => i.Field == "summary")) change = change with { Title = issue.Fields?.Summary };
        if (items.Any(i => i.Field == "duedate"))
            change = change with { DueDateChanged = true, DueDate = DateOnly.TryParse(issue.Fields?.Duedate, out var d) ? d : null };
        // The changelog names the new assignee by account id; an unassignment (no id) leaves the owner here.
        if (items.LastOrDefault(i => i.Field == "assignee") is { To: { } assignee } && credentials.EmailOf(assignee) is { } email)
            change = change with { AssigneeEmail = email };
        return change.ClosedAsDone is null && !change.Reopened && change.Title is null && !change.DueDateChanged && change.AssigneeEmail is null
            ? (null, "No change to status, summary, due date or a listed assignee.")
            : (change, null);
    }
}

// The fields used of Jira's create answer and of its issue webhook (developer.atlassian.com: Jira Cloud platform, webhooks).
public sealed record JiraCreated(string Id, string Key, string? Self);
public sealed record JiraWebhookEvent(long? Timestamp, string? WebhookEvent, JiraUser? User, JiraIssue? Issue, JiraChangelog? Changelog);
public sealed record JiraUser(string? DisplayName, string? AccountId);
public sealed record JiraIssue(string? Id, string? Key, JiraFields? Fields);
public sealed record JiraFields(string? Summary, string? Duedate, string? Updated, JiraStatus? Status, JiraNamed? Resolution);
public sealed record JiraStatus(string? Name, JiraStatusCategory? StatusCategory);
public sealed record JiraStatusCategory(string? Key);
public sealed record JiraNamed(string? Name);
public sealed record JiraChangelog(IReadOnlyList<JiraChangeItem>? Items);
public sealed record JiraChangeItem(string? Field, string? To = null);
