using Dashboard.Data.ApiKeys;
using Dashboard.Data.Incidents;


namespace Dashboard.Data.Kernel;

/// <summary>
/// Every name a write is audited under, in one place. The audit trail stores these strings, the change
/// bus carries them, webhook event types are named after them and people filter the audit page by them,
/// so a value here never changes once written (old entries keep it).
/// </summary>
public static class AuditActions
{
    // Incidents
    public const string IncidentCreated = "incident.created";
    public const string IncidentUpdated = "incident.updated";
    public const string IncidentStatusChanged = "incident.status_changed";
    public const string IncidentDeleted = "incident.deleted";
    public const string IncidentImported = "incident.imported";
    public const string IncidentMadePrivate = "incident.made_private";
    public const string IncidentMadePublic = "incident.made_public";
    public const string IncidentRoleAssigned = "incident.role_assigned";
    public const string IncidentRoleCleared = "incident.role_cleared";
    public const string IncidentMemberAdded = "incident.member_added";
    public const string IncidentMemberRemoved = "incident.member_removed";

    // Timeline
    public const string TimelineEventCreated = "timeline_event.created";
    public const string TimelineEventUpdated = "timeline_event.updated";
    public const string TimelineEventDeleted = "timeline_event.deleted";
    public const string TimelineEventImported = "timeline_event.imported";

    // Remediation actions
    public const string ActionCreated = "action.created";
    public const string ActionUpdated = "action.updated";
    public const string ActionDeleted = "action.deleted";

    // Contributing factors
    public const string FactorCreated = "factor.created";
    public const string FactorUpdated = "factor.updated";
    public const string FactorDeleted = "factor.deleted";
    public const string FactorThemesChanged = "factor.themes_changed";

    // Questions for the review meeting
    public const string QuestionAsked = "question.asked";
    public const string QuestionAnswered = "question.answered";
    public const string QuestionReopened = "question.reopened";
    public const string QuestionDeleted = "question.deleted";

    // Themes across incidents, and the tags incidents carry
    public const string ThemeCreated = "theme.created";
    public const string ThemeUpdated = "theme.updated";
    public const string ThemeDeleted = "theme.deleted";
    public const string IncidentThemesChanged = "incident.themes_changed";

    // Postmortems: saved, and each move of the review
    public const string PostmortemSaved = "postmortem.saved";
    public const string PostmortemSubmitted = "postmortem.submitted";
    public const string PostmortemPublished = "postmortem.published";
    public const string PostmortemReopened = "postmortem.reopened";
    public const string PostmortemReturned = "postmortem.returned";

    // Notifications: a person's own settings, following an incident, a one-click unsubscribe
    public const string NotificationSettingsChanged = "notification.settings_changed";
    public const string NotificationUnsubscribed = "notification.unsubscribed";
    public const string TeamLeadsChanged = "catalog.team_leads_changed";
    public const string IncidentFollowed = "incident.followed";
    public const string IncidentUnfollowed = "incident.unfollowed";

    // Service catalog
    public const string ServiceCreated = "service.created";
    public const string ServiceUpdated = "service.updated";
    public const string ServiceDeleted = "service.deleted";
    public const string ServiceArchived = "service.archived";
    public const string ServiceRestored = "service.restored";
    public const string DependencyCreated = "dependency.created";
    public const string DependencyDeleted = "dependency.deleted";
    public const string CatalogSeeded = "catalog.seeded";

    // Impact windows and links between incidents
    public const string ImpactWindowCreated = "impact_window.created";
    public const string ImpactWindowUpdated = "impact_window.updated";
    public const string ImpactWindowDeleted = "impact_window.deleted";
    public const string IncidentLinkCreated = "incident_link.created";
    public const string IncidentLinkDeleted = "incident_link.deleted";

    // Accounts and API keys
    public const string UserCreated = "user.created";
    public const string UserRoleChanged = "user.role_changed";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string UserPasswordReset = "user.password_reset";
    public const string UserPasswordChanged = "user.password_changed";
    public const string UserProfileChanged = "user.profile_changed";
    public const string UserThemeChanged = "user.theme_changed";
    public const string UserLoginLinked = "user.login_linked";
    public const string ApiKeyCreated = "api_key.created";
    public const string ApiKeyRevoked = "api_key.revoked";

    // Webhook endpoints
    public const string WebhookCreated = "webhook.created";
    public const string WebhookUpdated = "webhook.updated";
    public const string WebhookDeleted = "webhook.deleted";
    public const string WebhookSecretRotated = "webhook.secret_rotated";
    public const string WebhookEnabled = "webhook.enabled";
    public const string WebhookDisabled = "webhook.disabled";
    public const string WebhookRedelivered = "webhook.redelivered";

    // Change events (deploys, configuration, flags) and their marks on incidents
    public const string ChangeRecorded = "change.recorded";
    public const string ChangeImported = "change.imported";
    public const string ChangeMarked = "change.marked";
    public const string ChangeUnmarked = "change.unmarked";

    // Status pages and the public status updates published to them
    public const string StatusPageCreated = "status_page.created";
    public const string StatusPageUpdated = "status_page.updated";
    public const string StatusPageDeleted = "status_page.deleted";
    public const string StatusUpdateDrafted = "status_update.drafted";
    public const string StatusUpdateEdited = "status_update.edited";
    public const string StatusUpdateDeleted = "status_update.deleted";
    public const string StatusUpdatePublished = "status_update.published";
    public const string StatusUpdateCorrected = "status_update.corrected";
    public const string StatusPostmortemDrafted = "status_postmortem.drafted";
    public const string StatusPostmortemPublished = "status_postmortem.published";
    public const string StatusPostmortemUpdated = "status_postmortem.updated";
    public const string MaintenanceScheduled = "maintenance.scheduled";
    public const string MaintenanceCancelled = "maintenance.cancelled";
    public const string MaintenanceReminded = "maintenance.reminded";
    public const string SubscriptionRequested = "subscription.requested";
    public const string SubscriptionConfirmed = "subscription.confirmed";
    public const string SubscriptionCancelled = "subscription.cancelled";
    public const string SubscriptionComponentsChosen = "subscription.components_chosen";
    // Issue trackers (GitHub, Jira): connections, and actions' issues in them
    public const string TrackerConnected = "tracker.connected";
    public const string TrackerDisconnected = "tracker.disconnected";
    public const string TrackerIssueRequested = "tracker_issue.requested";
    public const string TrackerIssueCreated = "tracker_issue.created";
    public const string TrackerIssueConflict = "tracker_issue.conflict";

    // Calendar feeds and postmortem review meetings
    public const string CalendarAddressRenewed = "calendar.address_renewed";
    public const string ReviewMeetingScheduled = "review_meeting.scheduled";
    public const string ReviewMeetingCancelled = "review_meeting.cancelled";

    // Told to the change bus only: the audit names who was added or what changed, views only need to reload.
    public const string IncidentAccess = "incident.visibility";
    public const string IncidentRoles = "incident.roles";
    public const string IncidentMembers = "incident.members";
}
