using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Notifications;

public sealed record NotificationSettingsInput(IReadOnlyList<KindPreference> Kinds, int? QuietFromMinute, int? QuietToMinute, string? Teams)
{
    /// <summary>The digest's choices; null leaves the stored one as it is.</summary>
    public DigestFrequency? DigestFrequency { get; init; }
    public int? DigestHour { get; init; }
    public DayOfWeek? DigestWeekday { get; init; }
}

/// <summary>A person's own notification writes: marking read, their settings, following incidents, and a one-click unsubscribe.</summary>
public sealed class NotificationCommands(WriteDoor door, NotificationPublisher publisher)
{
    private const string Subject = "notification";

    /// <summary>Marks one notification read, or all of the person's when <paramref name="id"/> is null. Not audited: reading is not a change to the record.</summary>
    public Task<CommandResult> MarkReadAsync(Actor actor, long? id, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Read, Subject, async w =>
        {
            if (actor.UserId is not { } userId) return w.NotFound();
            // Only about what the person still sees: the others are hidden from them, not theirs to touch.
            var visible = w.VisibleIncidents().Select(i => i.Id);
            var unread = await w.Db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null && (id == null || n.Id == id)
                && (n.IncidentId == null || visible.Contains(n.IncidentId.Value))).ToListAsync(ct);
            foreach (var n in unread) n.ReadAt = w.Now;
            publisher.Stage(w.Db, [userId]);
            return CommandResult.Ok(Subject);
        }, ct);

    public Task<CommandResult> SaveSettingsAsync(Actor actor, NotificationSettingsInput input, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Read, Subject, async w =>
        {
            if (actor.UserId is not { } userId) return w.NotFound();
            if (input.QuietFromMinute is < 0 or >= 1440 || input.QuietToMinute is < 0 or >= 1440) return w.Invalid("Quiet", "Quiet hours are times of day.");
            if ((input.QuietFromMinute is null) != (input.QuietToMinute is null)) return w.Invalid("Quiet", "Set both ends of the quiet hours, or neither.");
            var teams = string.Join('\n', NotificationTeams.Parse(input.Teams));
            if (teams.Length > 1000) return w.Invalid("Teams", "At most 1,000 characters of team names.");
            if (input.DigestFrequency is { } f && !Enum.IsDefined(f)) return w.Invalid("DigestFrequency", "Choose off, daily or weekly.");
            if (input.DigestHour is < 0 or > 23) return w.Invalid("DigestHour", "An hour of the day, 0 to 23.");
            if (input.DigestWeekday is { } d && !Enum.IsDefined(d)) return w.Invalid("DigestWeekday", "A day of the week.");
            var stored = await w.Db.NotificationPreferences.Where(p => p.UserId == userId).ToListAsync(ct);
            foreach (var k in input.Kinds.Where(k => Enum.IsDefined(k.Kind) && k.Kind != NotificationKind.Digest))
            {
                var row = stored.FirstOrDefault(p => p.Kind == k.Kind);
                if (row is null) w.Db.NotificationPreferences.Add(row = new NotificationPreference { UserId = userId, Kind = k.Kind });
                (row.InApp, row.Email) = (k.InApp, k.Email);
            }
            var settings = await w.Db.NotificationSettings.SingleOrDefaultAsync(s => s.UserId == userId, ct);
            if (settings is null) w.Db.NotificationSettings.Add(settings = new NotificationSettings { UserId = userId });
            (settings.QuietFromMinute, settings.QuietToMinute, settings.Teams) = (input.QuietFromMinute, input.QuietToMinute, teams.Length == 0 ? null : teams);
            settings.DigestFrequency = input.DigestFrequency ?? settings.DigestFrequency;
            settings.DigestHour = input.DigestHour ?? settings.DigestHour;
            settings.DigestWeekday = input.DigestWeekday ?? settings.DigestWeekday;
            w.Audit(AuditActions.NotificationSettingsChanged, actor.Name, null);
            return CommandResult.Ok(Subject);
        }, ct);

    public Task<CommandResult> FollowAsync(Actor actor, int incidentId, bool follow, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Read, Subject, async w =>
        {
            if (actor.UserId is not { } userId) return w.NotFound();
            // Looked up among what the person sees: following a hidden incident answers as not found.
            var incident = await w.VisibleIncidents().Where(i => i.Id == incidentId).Select(i => new { i.Id, i.Slug }).SingleOrDefaultAsync(ct);
            if (incident is null) return w.NotFound();
            var row = await w.Db.IncidentFollows.SingleOrDefaultAsync(f => f.IncidentId == incidentId && f.UserId == userId, ct);
            if (follow && row is null) w.Db.IncidentFollows.Add(new IncidentFollow { IncidentId = incidentId, UserId = userId, FollowedAt = w.Now });
            else if (!follow && row is not null) w.Db.IncidentFollows.Remove(row);
            else return CommandResult.Ok(Subject);
            w.Audit(follow ? AuditActions.IncidentFollowed : AuditActions.IncidentUnfollowed, incident.Slug, incident.Id);
            return CommandResult.Ok(Subject);
        }, ct);

    /// <summary>
    /// Names the leads of a catalog team (a service's owner team, an action's team): admins decide who
    /// leads, because a lead's digest carries the team's work. Replaces the team's leads with <paramref name="userIds"/>.
    /// </summary>
    public Task<CommandResult> SetTeamLeadsAsync(Actor actor, string team, IReadOnlyList<string> userIds, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            team = team.Trim();
            if (team.Length is 0 or > Limits.NameLength) return w.Invalid("Team", $"A team name of 1 to {Limits.NameLength} characters.");
            var wanted = userIds.Distinct().ToList();
            var known = await w.Db.Users.Where(u => wanted.Contains(u.Id)).Select(u => new { u.Id, u.Email }).ToListAsync(ct);
            if (known.Count != wanted.Count) return w.Invalid("Leads", "Choose people who have an account.");
            var stored = await w.Db.TeamLeads.Where(t => t.Team == team).ToListAsync(ct);
            if (stored.Select(t => t.UserId).ToHashSet().SetEquals(wanted)) return CommandResult.Ok(Subject);
            w.Db.TeamLeads.RemoveRange(stored.Where(t => !wanted.Contains(t.UserId)));
            w.Db.TeamLeads.AddRange(wanted.Where(id => stored.All(t => t.UserId != id)).Select(id => new TeamLead { Team = team, UserId = id }));
            w.Audit(AuditActions.TeamLeadsChanged, team, null, new FieldChange("Leads", null, string.Join(", ", known.Select(k => k.Email).Order(StringComparer.Ordinal))));
            return CommandResult.Ok(Subject);
        }, ct);

    /// <summary>
    /// The anonymous one-click unsubscribe (RFC 8058): a valid token turns off email for its person and
    /// kind. Any other token changes nothing and answers as not found.
    /// </summary>
    public Task<CommandResult> UnsubscribeAsync(string? userId, string? kindName, string? token, CancellationToken ct = default) =>
        door.RunAsync(Actor.System with { Source = ChangeSource.Ui }, Permission.Read, Subject, async w =>
        {
            if (userId is null || !Enum.TryParse<NotificationKind>(kindName, out var kind) || !Enum.IsDefined(kind)) return w.NotFound();
            var secret = await w.Db.NotificationSettings.Where(s => s.UserId == userId).Select(s => s.UnsubscribeSecret).SingleOrDefaultAsync(ct);
            if (!UnsubscribeTokens.Verify(secret, userId, kind, token)) return w.NotFound();
            var user = await w.Db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(ct);
            if (user is null) return w.NotFound();
            if (kind == NotificationKind.Digest)
            {
                // The digest has no channels, only a frequency: its link turns it off.
                var own = await w.Db.NotificationSettings.SingleAsync(s => s.UserId == userId, ct);
                if (own.DigestFrequency == DigestFrequency.Off) return CommandResult.Ok(Subject);
                own.DigestFrequency = DigestFrequency.Off;
                w.Audit(AuditActions.NotificationUnsubscribed, user, null, new FieldChange("Kind", null, kind.ToString()));
                return CommandResult.Ok(Subject);
            }
            var row = await w.Db.NotificationPreferences.SingleOrDefaultAsync(p => p.UserId == userId && p.Kind == kind, ct);
            if (row is null) w.Db.NotificationPreferences.Add(row = new NotificationPreference { UserId = userId, Kind = kind, InApp = NotificationDefaults.For(kind).InApp });
            if (!row.Email) return CommandResult.Ok(Subject);
            row.Email = false;
            w.Audit(AuditActions.NotificationUnsubscribed, user, null, new FieldChange("Kind", null, kind.ToString()));
            return CommandResult.Ok(Subject);
        }, ct);
}
