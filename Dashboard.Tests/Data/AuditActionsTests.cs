using System.Reflection;
using Dashboard.Data.Postmortems;
using Dashboard.Data.Webhooks;

namespace Dashboard.Tests.Data;

/// <summary>
/// The action names are stored in every audit entry, filtered by on the audit page and subscribed to
/// by webhook endpoints: written out here once more, so a renamed constant fails instead of silently
/// splitting the trail into old and new names.
/// </summary>
public class AuditActionsTests
{
    private static readonly string[] Stored =
    [
        "incident.created", "incident.updated", "incident.status_changed", "incident.deleted", "incident.imported",
        "incident.made_private", "incident.made_public", "incident.role_assigned", "incident.role_cleared", "incident.member_added", "incident.member_removed",
        "timeline_event.created", "timeline_event.updated", "timeline_event.deleted", "timeline_event.imported",
        "action.created", "action.updated", "action.deleted",
        "factor.created", "factor.updated", "factor.deleted", "factor.themes_changed",
        "question.asked", "question.answered", "question.reopened", "question.deleted",
        "theme.created", "theme.updated", "theme.deleted", "incident.themes_changed",
        "postmortem.saved", "postmortem.submitted", "postmortem.published", "postmortem.reopened", "postmortem.returned",
        "service.created", "service.updated", "service.deleted", "service.archived", "service.restored",
        "dependency.created", "dependency.deleted",
        "catalog.seeded", "catalog.team_leads_changed",
        "impact_window.created", "impact_window.updated", "impact_window.deleted",
        "incident_link.created", "incident_link.deleted",
        "user.created", "user.role_changed", "user.disabled", "user.enabled", "user.password_reset",
        "user.password_changed", "user.profile_changed", "user.theme_changed", "user.login_linked",
        "api_key.created", "api_key.revoked",
        "webhook.created", "webhook.updated", "webhook.deleted", "webhook.secret_rotated", "webhook.enabled", "webhook.disabled", "webhook.redelivered",
        "change.recorded", "change.imported", "change.marked", "change.unmarked",
        "status_page.created", "status_page.updated", "status_page.deleted",
        "status_update.drafted", "status_update.edited", "status_update.deleted", "status_update.published", "status_update.corrected",
        "status_postmortem.drafted", "status_postmortem.published", "status_postmortem.updated",
        "maintenance.scheduled", "maintenance.cancelled", "maintenance.reminded",
        "subscription.requested", "subscription.confirmed", "subscription.cancelled", "subscription.components_chosen",
        "tracker.connected", "tracker.disconnected", "tracker_issue.requested", "tracker_issue.created", "tracker_issue.conflict",
        "calendar.address_renewed", "review_meeting.scheduled", "review_meeting.cancelled",
        "notification.settings_changed", "notification.unsubscribed", "incident.followed", "incident.unfollowed",
        "incident.visibility", "incident.roles", "incident.members",
    ];

    private static IEnumerable<string> Constants() =>
        typeof(AuditActions).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

    [Fact]
    public void Every_action_name_keeps_the_string_the_audit_trail_already_stores() =>
        Assert.Equal(Stored.Order(), Constants().Order());

    [Fact]
    public void Every_webhook_event_type_is_an_action_name() =>
        Assert.All(WebhookEventTypes.All, type => Assert.Contains(type, Constants()));

    [Theory]
    [InlineData(PostmortemStatus.Draft, PostmortemStatus.InReview, "postmortem.submitted")]
    [InlineData(PostmortemStatus.InReview, PostmortemStatus.Published, "postmortem.published")]
    [InlineData(PostmortemStatus.InReview, PostmortemStatus.Draft, "postmortem.returned")]
    [InlineData(PostmortemStatus.Published, PostmortemStatus.Draft, "postmortem.reopened")]
    public void Each_postmortem_move_is_audited_under_its_old_name(PostmortemStatus from, PostmortemStatus to, string action) =>
        Assert.Equal(action, PostmortemWorkflow.AuditAction(from, to));
}
