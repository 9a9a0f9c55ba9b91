using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Data.StatusPages;

/// <summary>
/// Admins write an incident's public postmortem apart from the internal one: a draft that shows
/// nowhere, then published (or its published text replaced, shown as updated) to the pages the incident
/// was published on, announced to their subscribers by mail and webhook. Through the door, audited on the incident.
/// </summary>
public sealed class StatusPostmortemCommands(WriteDoor door, IOptions<PublicAddress> options)
{
    private const string Subject = "public postmortem";

    /// <summary>Saves the draft; <paramref name="version"/> is null for the first one.</summary>
    public Task<CommandResult> SaveDraftAsync(Actor actor, int incidentId, Guid? version, string text, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            var (postmortem, problem) = await WriteDraftAsync(w, incidentId, version, text, ct);
            if (problem is not null) return problem;
            w.Audit(AuditActions.StatusPostmortemDrafted, postmortem!).Publish(ChangeScope.Incident(incidentId));
            return w.Done(postmortem!);
        }, ct);

    /// <summary>
    /// Publishes <paramref name="text"/> (saving it as the draft too). The first time it is published;
    /// afterwards it replaces the published text and the pages say "updated". Refused while the incident is on no page.
    /// </summary>
    public Task<CommandResult> PublishAsync(Actor actor, int incidentId, Guid? version, string text, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            var pages = await PagesOfAsync(w.Db, incidentId, ct);
            if (pages.Count == 0 && await w.VisibleIncidents().AnyAsync(i => i.Id == incidentId, ct))
                return w.Invalid("", "The incident is on no status page yet: publish a status update about it first.");
            var (postmortem, problem) = await WriteDraftAsync(w, incidentId, version, text, ct);
            if (problem is not null) return problem;
            if (postmortem!.Body == postmortem.Draft) return w.Invalid("Text", "This text is already published.");
            var first = postmortem.PublishedAt is null;
            postmortem.Body = postmortem.Draft;
            if (first) (postmortem.PublishedAt, postmortem.PublishedBy) = (w.Now, w.Actor.Name);
            else postmortem.UpdatedAt = w.Now;
            await SubscriptionCommands.QueuePostmortemAsync(w, postmortem, pages, options.Value, first, ct);
            w.Audit(first ? AuditActions.StatusPostmortemPublished : AuditActions.StatusPostmortemUpdated, postmortem,
                    new FieldChange("Pages", null, string.Join(", ", pages.Select(p => p.Key))))
                .Publish(ChangeScope.Incident(incidentId), StatusPageRules.Scope);
            return w.Done(postmortem);
        }, ct);

    /// <summary>The pages an update about the incident was published to: the only places its public postmortem shows.</summary>
    internal static async Task<List<(int Id, string Key)>> PagesOfAsync(IncidentBoardDbContext db, int incidentId, CancellationToken ct) =>
        [.. (await db.StatusUpdatePages.AsNoTracking().Where(p => db.StatusUpdates.Any(u => u.Id == p.StatusUpdateId && u.IncidentId == incidentId))
            .Select(p => new { p.StatusPageId, p.StatusPage!.Key }).Distinct().ToListAsync(ct)).OrderBy(p => p.Key).Select(p => (p.StatusPageId, p.Key))];

    private static async Task<(StatusPostmortem?, CommandResult?)> WriteDraftAsync(Write w, int incidentId, Guid? version, string text, CancellationToken ct)
    {
        if (!await w.VisibleIncidents().AnyAsync(i => i.Id == incidentId, ct)) return (null, w.NotFound());
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0) return (null, w.Invalid("Text", "Write what readers should know about the incident."));
        if (trimmed.Length > StatusPageRules.PostmortemLength) return (null, w.Invalid("Text", $"At most {StatusPageRules.PostmortemLength:N0} characters."));
        var postmortem = await w.Db.StatusPostmortems.SingleOrDefaultAsync(p => p.IncidentId == incidentId, ct);
        if (postmortem is null)
        {
            // Someone else started one after this editor opened: a conflict, as for any stale version.
            if (version is not null) return (null, CommandResult.Conflict(Subject, null));
            postmortem = new StatusPostmortem { IncidentId = incidentId, Draft = trimmed, EditedAt = w.Now, EditedBy = w.Actor.Name, Version = Guid.NewGuid() };
            w.Db.StatusPostmortems.Add(postmortem);
            return (postmortem, null);
        }
        if (version is null) return (null, CommandResult.Conflict(Subject, postmortem.Version));
        w.Expect(postmortem, version.Value);
        (postmortem.Draft, postmortem.EditedAt, postmortem.EditedBy) = (trimmed, w.Now, w.Actor.Name);
        return (postmortem, null);
    }
}
