using Dashboard.Data.Trackers;

namespace Dashboard.Trackers;

/// <summary>
/// One issue tracker's REST API and webhooks. GitHub Issues and Jira Cloud implement it; GitLab or
/// Linear would be one more class each, registered beside them.
/// </summary>
public interface ITrackerProvider
{
    TrackerKind Kind { get; }

    /// <summary>Opens the issue; throws <see cref="TrackerCallException"/> when the tracker refuses.</summary>
    Task<CreatedIssue> CreateAsync(HttpClient http, IssueDraft draft, TrackerCredentials credentials, string linkBack, CancellationToken ct);

    /// <summary>Sends the action's title, due date (where the tracker has one) and owner (when <see cref="TrackerCredentials.People"/> names them) to its issue.</summary>
    Task UpdateAsync(HttpClient http, IssueDraft draft, TrackerCredentials credentials, CancellationToken ct);

    /// <summary>The header that carries the webhook's HMAC-SHA256 signature (<c>sha256=&lt;hex&gt;</c>).</summary>
    string SignatureHeader { get; }

    /// <summary>
    /// Reads a verified webhook delivery: the change to apply, or why it is ignored (another event,
    /// another repository). Throws <see cref="System.Text.Json.JsonException"/> on a body that is not the documented shape.
    /// </summary>
    (RemoteIssueChange? Change, string? Ignored) ReadWebhook(TrackerTarget target, TrackerCredentials credentials, IHeaderDictionary headers, byte[] body, DateTime now);
}

/// <summary>A refusal from the tracker, with what it said (never the request's credentials).</summary>
public sealed class TrackerCallException(string message) : Exception(message);

internal static class TrackerHttp
{
    /// <summary>Sends and throws <see cref="TrackerCallException"/> with the status and the tracker's own message when it is not a success.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken ct)
    {
        var response = await http.SendAsync(request, ct);
        if (response.IsSuccessStatusCode) return response;
        var text = await response.Content.ReadAsStringAsync(ct);
        response.Dispose();
        var said = text.Length <= 300 ? text : text[..300] + "…";
        throw new TrackerCallException($"{request.Method} {request.RequestUri?.AbsolutePath} answered {(int)response.StatusCode} {response.ReasonPhrase}: {said}");
    }

    public static DateTime? Utc(string? text) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? at.UtcDateTime : null;
}
