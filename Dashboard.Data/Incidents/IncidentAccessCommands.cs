using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Incidents;

/// <summary>
/// Who holds an incident's roles (commander, scribe, communications lead), who else is a member,
/// and whether the incident is private. Responders who can see an incident may change these;
/// the door refuses anyone who cannot see it.
/// </summary>
public sealed class IncidentAccessCommands(WriteDoor door)
{
    private const string Subject = "incident";

    public Task<CommandResult> SetPrivateAsync(Actor actor, int incidentId, bool isPrivate, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            var incident = await w.Db.Incidents.Include(i => i.Participants).SingleOrDefaultAsync(i => i.Id == incidentId, ct);
            if (incident is null) return w.NotFound();
            if (incident.IsPrivate == isPrivate) return w.Done(incident);
            incident.IsPrivate = isPrivate;
            // Whoever hides an incident keeps seeing it.
            if (isPrivate) Join(incident, w);
            w.Audit(isPrivate ? AuditActions.IncidentMadePrivate : AuditActions.IncidentMadePublic, incident);
            w.Publish(AuditActions.IncidentAccess, IncidentCommands.Scopes(incidentId));
            return w.Done(incident);
        }, ct);

    /// <summary>Gives <paramref name="role"/> to <paramref name="userId"/>, replacing its holder; a null user leaves the role empty.</summary>
    public Task<CommandResult> AssignRoleAsync(Actor actor, int incidentId, IncidentRole role, string? userId, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            if (role == IncidentRole.Member || !Enum.IsDefined(role)) return w.Invalid("Role", "Choose commander, scribe or communications lead.");
            var incident = await w.Db.Incidents.Include(i => i.Participants).ThenInclude(p => p.User).SingleOrDefaultAsync(i => i.Id == incidentId, ct);
            if (incident is null) return w.NotFound();
            var holder = incident.Participants.FirstOrDefault(p => p.Role == role);
            if (holder?.UserId == userId) return w.Done(incident);
            var user = userId is null ? null : await w.Db.Users.SingleOrDefaultAsync(u => u.Id == userId && !u.IsDisabled, ct);
            if (userId is not null && user is null) return w.Invalid("User", "That person has no enabled account; choose someone from the list.");
            if (holder is not null) incident.Participants.Remove(holder);
            if (user is not null) incident.Participants.Add(new IncidentParticipant { UserId = user.Id, Role = role, AddedAt = w.Now });
            w.Audit(user is null ? AuditActions.IncidentRoleCleared : AuditActions.IncidentRoleAssigned, incident.Slug, incident.Id,
                new FieldChange(Names.Of(role), holder?.User?.DisplayName, user?.DisplayName));
            w.Publish(AuditActions.IncidentRoles, IncidentCommands.Scopes(incidentId));
            return w.Done(incident);
        }, ct);

    public Task<CommandResult> AddMemberAsync(Actor actor, int incidentId, string userId, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            var incident = await w.Db.Incidents.Include(i => i.Participants).SingleOrDefaultAsync(i => i.Id == incidentId, ct);
            if (incident is null) return w.NotFound();
            var user = await w.Db.Users.SingleOrDefaultAsync(u => u.Id == userId && !u.IsDisabled, ct);
            if (user is null) return w.Invalid("User", "That person has no enabled account; choose someone from the list.");
            if (incident.Participants.Any(p => p.UserId == userId && p.Role == IncidentRole.Member)) return w.Done(incident);
            incident.Participants.Add(new IncidentParticipant { UserId = userId, Role = IncidentRole.Member, AddedAt = w.Now });
            w.Audit(AuditActions.IncidentMemberAdded, incident.Slug, incident.Id, new FieldChange("Member", null, user.DisplayName));
            w.Publish(AuditActions.IncidentMembers, IncidentCommands.Scopes(incidentId));
            return w.Done(incident);
        }, ct);

    public Task<CommandResult> RemoveMemberAsync(Actor actor, int incidentId, string userId, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            var incident = await w.Db.Incidents.Include(i => i.Participants).ThenInclude(p => p.User).SingleOrDefaultAsync(i => i.Id == incidentId, ct);
            if (incident is null) return w.NotFound();
            var member = incident.Participants.FirstOrDefault(p => p.UserId == userId && p.Role == IncidentRole.Member);
            if (member is null) return w.Done(incident);
            incident.Participants.Remove(member);
            w.Audit(AuditActions.IncidentMemberRemoved, incident.Slug, incident.Id, new FieldChange("Member", member.User?.DisplayName, null));
            w.Publish(AuditActions.IncidentMembers, IncidentCommands.Scopes(incidentId));
            return w.Done(incident);
        }, ct);

    /// <summary>Makes the writing person a member, unless they already take part or see every incident anyway.</summary>
    internal static void Join(Incident incident, Write w)
    {
        if (w.Actor.UserId is not { } userId || w.Actor.SeesAllIncidents) return;
        if (incident.Participants.Any(p => p.UserId == userId)) return;
        incident.Participants.Add(new IncidentParticipant { UserId = userId, Role = IncidentRole.Member, AddedAt = w.Now });
    }
}
