using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Incidents;

namespace Dashboard.Data.Learning;

/// <summary>
/// Adds and removes links between incidents. Each write is audited on both incidents (so both
/// History tabs show it) and announced to both, so both incident pages update.
/// </summary>
public sealed class IncidentLinkCommands(WriteDoor door)
{
    private const string Subject = "incident link";

    /// <summary><paramref name="fromId"/> repeats / was caused by / relates to the incident <paramref name="toSlug"/>.</summary>
    public Task<CommandResult> AddAsync(Actor actor, int fromId, IncidentLinkKind kind, string? toSlug, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            if (!Enum.IsDefined(kind)) return w.Invalid("Kind", "Choose what kind of link it is.");
            if (string.IsNullOrWhiteSpace(toSlug)) return w.Invalid("To", "Choose the incident to link to.");
            // Both ends through the actor's view: a refusal below quotes their slugs and start times.
            var from = await w.VisibleIncidents().Where(i => i.Id == fromId).Select(i => new End(i.Id, i.Slug, i.StartedAt ?? i.TriggeredAt)).SingleOrDefaultAsync(ct);
            if (from is null) return CommandResult.NotFound("incident");
            var to = await w.VisibleIncidents().Where(i => i.Slug == toSlug.Trim()).Select(i => new End(i.Id, i.Slug, i.StartedAt ?? i.TriggeredAt)).SingleOrDefaultAsync(ct);
            if (to is null) return w.Invalid("To", $"There is no incident '{toSlug.Trim()}'.");
            var existing = await w.Db.IncidentLinks.Where(l => (l.FromIncidentId == from.Id && l.ToIncidentId == to.Id) || (l.FromIncidentId == to.Id && l.ToIncidentId == from.Id))
                .Select(l => new { l.FromIncidentId, l.Kind }).ToListAsync(ct);
            var problem = LinkRules.Problem(from, to, kind, [.. existing.Select(l => (l.FromIncidentId == from.Id, l.Kind))]);
            if (problem is not null) return w.Invalid("To", problem);
            if (await w.Db.IncidentLinks.CountAsync(l => l.FromIncidentId == from.Id || l.ToIncidentId == from.Id, ct) >= Limits.LinksPerIncident)
                return w.Invalid("", $"This incident already has {Limits.LinksPerIncident} links, its limit.");

            w.Db.IncidentLinks.Add(new IncidentLink { FromIncidentId = from.Id, ToIncidentId = to.Id, Kind = kind, CreatedAt = w.Now });
            AuditBoth(w, AuditActions.IncidentLinkCreated, from, to, kind, added: true);
            return CommandResult.Ok(Subject);
        }, ct);

    public Task<CommandResult> RemoveAsync(Actor actor, int linkId, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            var link = await w.Db.IncidentLinks.Include(l => l.From).Include(l => l.To).SingleOrDefaultAsync(l => l.Id == linkId, ct);
            if (link is null) return w.NotFound();
            w.Db.IncidentLinks.Remove(link);
            AuditBoth(w, AuditActions.IncidentLinkDeleted, new End(link.FromIncidentId, link.From!.Slug, null), new End(link.ToIncidentId, link.To!.Slug, null), link.Kind, added: false);
            return CommandResult.Ok(Subject, linkId);
        }, ct);

    /// <summary>One entry on each incident's audit trail; both incidents' views reload.</summary>
    private static void AuditBoth(Write w, string action, End from, End to, IncidentLinkKind kind, bool added)
    {
        var key = $"{from.Slug} {LinkKinds.Word(kind, backward: false)} {to.Slug}";
        FieldChange Change(string field, string value) => added ? new(field, null, value) : new(field, value, null);
        w.Audit(action, key, from.Id, Change(LinkKinds.Forward(kind), to.Slug));
        w.Audit(action, key, to.Id, Change(LinkKinds.Backward(kind), from.Slug)).Publish(ChangeScope.Incident(from.Id), ChangeScope.Incident(to.Id));
    }
}

/// <summary>One end of a link: its id, slug and start (the trigger when no start is recorded).</summary>
public sealed record End(int Id, string Slug, DateTime? StartedAt);
