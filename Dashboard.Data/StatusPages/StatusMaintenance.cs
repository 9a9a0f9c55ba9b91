namespace Dashboard.Data.StatusPages;

/// <summary>Where a maintenance stands; it moves by itself as the clock passes its times (<see cref="StatusMaintenance.StateAt"/>).</summary>
public enum MaintenanceState { Scheduled, InProgress, Verifying, Completed }

/// <summary>
/// Planned work announced on a page: scheduled until it starts, in progress until its planned end,
/// verifying for <see cref="VerifyMinutes"/> after, then completed. Its window does not count against
/// the components' uptime.
/// </summary>
public class StatusMaintenance : IDoorRow
{
    DoorAddress IDoorRow.Address => new(Id, Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, Version);

    public int Id { get; set; }
    public int StatusPageId { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public DateTime ScheduledFor { get; set; }
    public DateTime ScheduledUntil { get; set; }
    public int VerifyMinutes { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    /// <summary>When subscribers were reminded that the work starts soon; set in the same transaction as the reminder's outbox rows, so it goes once.</summary>
    public DateTime? ReminderSentAt { get; set; }
    public Guid Version { get; set; }

    public List<StatusMaintenanceComponent> Components { get; set; } = [];

    public static MaintenanceState StateAt(DateTime from, DateTime until, int verifyMinutes, DateTime now) =>
        now < from ? MaintenanceState.Scheduled
        : now < until ? MaintenanceState.InProgress
        : now < until.AddMinutes(verifyMinutes) ? MaintenanceState.Verifying
        : MaintenanceState.Completed;
}

/// <summary>A service the maintenance covers.</summary>
public class StatusMaintenanceComponent
{
    public int Id { get; set; }
    public int StatusMaintenanceId { get; set; }
    public int ServiceId { get; set; }
}

/// <summary>A maintenance as an admin schedules it: UTC times as ISO 8601 or "YYYY-MM-DD HH:MM", and the services it covers by key.</summary>
public sealed record MaintenanceInput
{
    public string Title { get; init; } = "";
    public string Body { get; init; } = "";
    public string ScheduledFor { get; init; } = "";
    public string ScheduledUntil { get; init; } = "";
    public int VerifyMinutes { get; init; } = 15;
    public IReadOnlyList<string> Components { get; init; } = [];
}

/// <summary>A maintenance as admins list it, with its state now.</summary>
public sealed record MaintenanceRow(int Id, string PageKey, string Title, string Body, DateTime ScheduledFor, DateTime ScheduledUntil, int VerifyMinutes,
    MaintenanceState State, IReadOnlyList<string> Components, DateTime CreatedAt, string CreatedBy, Guid Version);
