namespace Dashboard.Trackers;

/// <summary>
/// Bound from the <c>Trackers</c> section. Credentials are configuration only (appsettings, or
/// environment variables such as <c>Trackers__Credentials__ops-github__Token</c>), keyed by the
/// connection's name; the database never holds them.
/// </summary>
public sealed class TrackerOptions
{
    public const string Section = "Trackers";

    public Dictionary<string, TrackerCredentials> Credentials { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long one call may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a call is retried, with growing delays, before it fails for good and shows on the trackers page.</summary>
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the worker looks for due calls.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TrackerCredentials? For(string connection) => Credentials.GetValueOrDefault(connection);
}

public sealed class TrackerCredentials
{
    /// <summary>GitHub: a token with issues read/write. Jira: an API token (with <see cref="User"/>).</summary>
    public string? Token { get; set; }
    /// <summary>Jira only: the account's email, for basic authentication with the API token.</summary>
    public string? User { get; set; }
    /// <summary>The secret set on the tracker's webhook: GitHub's webhook secret, or Jira's admin webhook secret.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>
    /// Who is who on this tracker: an account's email here → its GitHub login or Jira account id. An
    /// action's owner becomes the assignee, and an assignment there its owner here, only for the
    /// people listed: neither tracker tells an assignee's email.
    /// </summary>
    public Dictionary<string, string> People { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string? TrackerIdOf(string? email) => email is null ? null : People.GetValueOrDefault(email);

    public string? EmailOf(string? trackerId) =>
        trackerId is null ? null : People.FirstOrDefault(p => string.Equals(p.Value, trackerId, StringComparison.OrdinalIgnoreCase)).Key;
}
