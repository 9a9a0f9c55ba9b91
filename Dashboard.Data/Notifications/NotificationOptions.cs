namespace Dashboard.Data.Notifications;

/// <summary>Bound from the <c>Notifications</c> section.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>How often the clock-driven scan (due in 3 days, newly overdue) runs.</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>People per digest write: the longest a digest run holds the write lock is one batch.</summary>
    public int DigestBatchSize { get; set; } = 200;
}
