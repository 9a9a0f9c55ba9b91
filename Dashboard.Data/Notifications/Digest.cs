namespace Dashboard.Data.Notifications;

/// <summary>How often a person gets their digest. Stored by name.</summary>
public enum DigestFrequency { Off, Daily, Weekly }

/// <summary>
/// A digest period handled for a person ("weekly:2027-03-29", "daily:2027-03-29": the local date it
/// began). Written in the same transaction as the digest's mail, or alone when the digest was empty:
/// a period is handled exactly once, whatever restarts or second instances do.
/// </summary>
public class DigestSent
{
    public required string UserId { get; set; }
    public required string Period { get; set; }
    public DateTime SentAt { get; set; }

    /// <summary>Whether a mail went out (false: the digest would have been empty).</summary>
    public bool Mailed { get; set; }
}

/// <summary>
/// A team lead: the person who owns a team of the catalog (a service's owner team, an action's team).
/// Their digest carries their team's actions and overdue postmortems as well, within what they may see.
/// </summary>
public class TeamLead
{
    /// <summary>The team's name as the catalog and actions write it.</summary>
    public required string Team { get; set; }
    public required string UserId { get; set; }
}

public static class DigestDefaults
{
    public const DigestFrequency Frequency = DigestFrequency.Weekly;
    public const int Hour = 8;
    public const DayOfWeek Weekday = DayOfWeek.Monday;
}
