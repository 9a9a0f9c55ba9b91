using Dashboard.Data.Actions;
using Dashboard.Data.Impact;
using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Notifications;

/// <summary>
/// The notification step of every audited write (an <see cref="IAuditListener"/> of the door): inside
/// the write's transaction, after its audit entries, each entry that concerns someone becomes a
/// candidate for <see cref="Notifier"/>, so what people are told commits or rolls back with the change.
/// </summary>
public sealed class NotificationListener(Notifier notifier) : IAuditListener
{
    public async Task StageAsync(IncidentBoardDbContext db, IReadOnlyList<(AuditEntry Entry, object? Entity)> audited, CancellationToken ct)
    {
        // Seeding and start-up work tell nobody: they are not news.
        var relevant = audited.Where(a => IsRelevant(a.Entry.Action) && !(a.Entry.ActorKind == ActorKind.System && a.Entry.Source == ChangeSource.Seed)).ToList();
        if (relevant.Count == 0) return;
        var incidentIds = relevant.Where(a => a.Entry.IncidentId is not null).Select(a => a.Entry.IncidentId!.Value).Distinct().ToList();
        var titles = await db.Incidents.AsNoTracking().Where(i => incidentIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Title, ct);
        var candidates = new List<NotificationCandidate>();
        foreach (var (entry, entity) in relevant)
        {
            if (entry.IncidentId is not { } incidentId || !titles.TryGetValue(incidentId, out var title)) continue;
            var link = entry.IncidentSlug is null ? null : $"/incidents/{entry.IncidentSlug}";
            var key = $"audit:{entry.Id}";
            NotificationCandidate For(string userId, NotificationKind kind, string text, string? suffix = null) =>
                new(userId, kind, text, link, incidentId, key + suffix) { CausedBy = entry.Actor };

            switch (entry.Action)
            {
                case AuditActions.ActionCreated or AuditActions.ActionUpdated when entity is RemediationAction action:
                    var owner = FieldChanges.Deserialize(entry.Changes).FirstOrDefault(c => c.Field == nameof(RemediationAction.OwnerUserId))?.New;
                    if (owner is not null) candidates.Add(For(owner, NotificationKind.ActionAssigned, $"You were made owner of the action “{action.Title}” ({title})"));
                    break;
                case AuditActions.IncidentRoleAssigned or AuditActions.IncidentMemberAdded:
                    var member = entry.Action == AuditActions.IncidentMemberAdded;
                    // The participant rows this write added (the entry names people only by display name).
                    var added = await db.IncidentParticipants.AsNoTracking()
                        .Where(p => p.IncidentId == incidentId && p.AddedAt == entry.At && (member ? p.Role == IncidentRole.Member : p.Role != IncidentRole.Member))
                        .Select(p => new { p.UserId, p.Role }).ToListAsync(ct);
                    candidates.AddRange(added.Select(p => For(p.UserId, NotificationKind.IncidentRole,
                        member ? $"You were added to the incident “{title}”" : $"You were made {Names.Of(p.Role).ToLowerInvariant()} of the incident “{title}”")));
                    break;
                case AuditActions.PostmortemSubmitted or AuditActions.PostmortemPublished or AuditActions.PostmortemReturned:
                    var what = entry.Action switch
                    {
                        AuditActions.PostmortemSubmitted => "was submitted for review",
                        AuditActions.PostmortemPublished => "was published",
                        _ => "was sent back to draft",
                    };
                    // Its authors: whoever saved its text.
                    var authorNames = await db.AuditEntries.AsNoTracking().Where(a => a.IncidentId == incidentId && a.Action == AuditActions.PostmortemSaved)
                        .Select(a => a.Actor).Distinct().ToListAsync(ct);
                    var authors = await db.Users.AsNoTracking().Where(u => authorNames.Contains(u.Email!)).Select(u => u.Id).ToListAsync(ct);
                    candidates.AddRange(authors.Select(a => For(a, NotificationKind.PostmortemMoved, $"The postmortem of “{title}” {what}")));
                    if (entry.Action == AuditActions.PostmortemSubmitted)
                    {
                        // Reviewers are those who may publish: admins and owners.
                        var reviewers = await db.Users.AsNoTracking().Where(u => (u.Role == Role.Admin || u.Role == Role.Owner) && !u.IsDisabled)
                            .Select(u => u.Id).ToListAsync(ct);
                        candidates.AddRange(reviewers.Select(r => For(r, NotificationKind.ReviewRequested, $"The postmortem of “{title}” is waiting for your review", ":review")));
                    }
                    break;
                case AuditActions.ImpactWindowCreated when entity is ServiceImpact impact:
                    var service = await db.Services.AsNoTracking().Where(s => s.Id == impact.ServiceId).Select(s => new { s.Name, s.OwnerTeam }).SingleOrDefaultAsync(ct);
                    if (string.IsNullOrWhiteSpace(service?.OwnerTeam)) break;
                    foreach (var userId in await TeamMembersAsync(db, service.OwnerTeam, ct))
                        // Keyed by incident, not by entry: a second impact on the team's services tells nobody again.
                        candidates.Add(new NotificationCandidate(userId, NotificationKind.TeamServiceIncident,
                            $"Incident “{title}” affects {service.Name}, a service of {service.OwnerTeam}", link, incidentId, $"team-incident:{incidentId}") { CausedBy = entry.Actor });
                    break;
                case AuditActions.IncidentStatusChanged:
                    var status = FieldChanges.Deserialize(entry.Changes).FirstOrDefault(c => c.Field == nameof(Incident.Status))?.New;
                    var followers = await db.IncidentFollows.AsNoTracking().Where(f => f.IncidentId == incidentId).Select(f => f.UserId).ToListAsync(ct);
                    candidates.AddRange(followers.Select(f => For(f, NotificationKind.FollowedIncidentChanged,
                        status is null ? $"The incident “{title}” changed state" : $"The incident “{title}” is now {status.ToLowerInvariant()}")));
                    break;
            }
        }
        await notifier.StageAsync(db, candidates, relevant[0].Entry.At, ct);
    }

    private static bool IsRelevant(string action) => action is AuditActions.ActionCreated or AuditActions.ActionUpdated
        or AuditActions.IncidentRoleAssigned or AuditActions.IncidentMemberAdded or AuditActions.PostmortemSubmitted
        or AuditActions.PostmortemPublished or AuditActions.PostmortemReturned or AuditActions.ImpactWindowCreated or AuditActions.IncidentStatusChanged;

    /// <summary>People who said, in their notification settings, that they belong to <paramref name="team"/> (the catalog's owner team).</summary>
    private static async Task<List<string>> TeamMembersAsync(IncidentBoardDbContext db, string team, CancellationToken ct)
    {
        var declared = await db.NotificationSettings.AsNoTracking().Where(s => s.Teams != null && s.Teams.Contains(team))
            .Select(s => new { s.UserId, s.Teams }).ToListAsync(ct);
        return [.. declared.Where(s => NotificationTeams.Parse(s.Teams).Contains(team, StringComparer.OrdinalIgnoreCase)).Select(s => s.UserId)];
    }
}

public static class NotificationTeams
{
    public static IReadOnlyList<string> Parse(string? teams) =>
        [.. (teams ?? "").Split(['\n', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase)];
}
