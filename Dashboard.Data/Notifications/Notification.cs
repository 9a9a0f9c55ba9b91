using Dashboard.Data.Identity;
using Dashboard.Data.Incidents;

namespace Dashboard.Data.Notifications;

/// <summary>What a person is told about. Values are stored by name and name the unsubscribe links: never renamed.</summary>
public enum NotificationKind
{
    ActionAssigned,
    ActionDueSoon,
    ActionOverdue,
    IncidentRole,
    PostmortemMoved,
    ReviewRequested,
    TeamServiceIncident,
    FollowedIncidentChanged,
    /// <summary>The daily or weekly digest: set by its frequency, not per channel; its unsubscribe link turns it off.</summary>
    Digest,
}

/// <summary>One line in a person's bell: what happened, where to look, and whether they have read it.</summary>
public class Notification : IIncidentRow
{
    IEnumerable<int> IIncidentRow.IncidentIds => IncidentId is { } id ? [id] : [];

    public long Id { get; set; }
    public required string UserId { get; set; }
    public AppUser? User { get; set; }
    public NotificationKind Kind { get; set; }
    public required string Text { get; set; }

    /// <summary>An app-relative link ("/incidents/cdn-outage").</summary>
    public string? Link { get; set; }

    public int? IncidentId { get; set; }
    public Incident? Incident { get; set; }

    /// <summary>Names the event for this person ("audit:123:ActionAssigned", "due-soon:7:2026-12-10"): each is told once.</summary>
    public required string Key { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}

/// <summary>How a person wants one kind: in the app, by email, both or neither. No row: <see cref="NotificationDefaults"/>.</summary>
public class NotificationPreference
{
    public required string UserId { get; set; }
    public NotificationKind Kind { get; set; }
    public bool InApp { get; set; }
    public bool Email { get; set; }
}

/// <summary>A person's quiet hours (minutes after local midnight, in their own time zone) and the teams whose services they hear of.</summary>
public class NotificationSettings
{
    public required string UserId { get; set; }
    public int? QuietFromMinute { get; set; }
    public int? QuietToMinute { get; set; }

    /// <summary>Team names as the catalog writes them in a service's owner team, one per line.</summary>
    public string? Teams { get; set; }

    /// <summary>Signs this person's unsubscribe links (<see cref="UnsubscribeTokens"/>); made with their first mail.</summary>
    public string? UnsubscribeSecret { get; set; }

    /// <summary>The digest: how often, at which local hour (0–23) and, when weekly, on which weekday.</summary>
    public DigestFrequency DigestFrequency { get; set; } = DigestDefaults.Frequency;
    public int DigestHour { get; set; } = DigestDefaults.Hour;
    public DayOfWeek DigestWeekday { get; set; } = DigestDefaults.Weekday;
}

/// <summary>A person follows an incident: they hear when its state changes.</summary>
public class IncidentFollow : IIncidentRow
{
    IEnumerable<int> IIncidentRow.IncidentIds => [IncidentId];

    public int IncidentId { get; set; }
    public Incident? Incident { get; set; }
    public required string UserId { get; set; }
    public DateTime FollowedAt { get; set; }
}

public static class NotificationDefaults
{
    /// <summary>Email on by default for what a person must act on; everything is in the app by default.</summary>
    public static (bool InApp, bool Email) For(NotificationKind kind) =>
        (true, kind is NotificationKind.ActionAssigned or NotificationKind.ActionOverdue or NotificationKind.ReviewRequested);

    public static string Describe(NotificationKind kind) => kind switch
    {
        NotificationKind.ActionAssigned => "You were made owner of an action",
        NotificationKind.ActionDueSoon => "An action of yours is due in 3 days",
        NotificationKind.ActionOverdue => "An action of yours has become overdue",
        NotificationKind.IncidentRole => "You were given an incident role or added as a member",
        NotificationKind.PostmortemMoved => "A postmortem you wrote was submitted, published or sent back",
        NotificationKind.ReviewRequested => "A postmortem is waiting for your review",
        NotificationKind.TeamServiceIncident => "An incident was declared on a service your team owns",
        NotificationKind.FollowedIncidentChanged => "An incident you follow changed state",
        NotificationKind.Digest => "Your digest of overdue and upcoming actions and waiting postmortems",
        _ => kind.ToString(),
    };
}
