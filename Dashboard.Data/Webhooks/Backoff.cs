namespace Dashboard.Data.Webhooks;

/// <summary>
/// When to try a failed delivery again: 5 s, 20 s, 80 s, … growing fourfold up to 6 h, each with up
/// to ±20 % jitter so endpoints that failed together do not all come back at the same second.
/// Past the retry window (about a day) the delivery fails for good.
/// </summary>
public static class Backoff
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Longest = TimeSpan.FromHours(6);

    public static TimeSpan Delay(int failedAttempts, double jitter)
    {
        var exponent = Math.Min(failedAttempts - 1, 12);
        var seconds = Math.Min(First.TotalSeconds * Math.Pow(4, exponent), Longest.TotalSeconds);
        return TimeSpan.FromSeconds(seconds * (1 + (jitter * 2 - 1) * 0.2));
    }

    /// <summary>The next attempt, or null when the delivery has been failing for the whole window.</summary>
    public static DateTime? NextAttempt(DateTime createdAt, DateTime now, int failedAttempts, TimeSpan window, double jitter) =>
        now - createdAt >= window ? null : now + Delay(failedAttempts, jitter);
}
