using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.StatusPages;

/// <summary>
/// The public stream of an incident: responders draft updates; the incident's communications lead
/// or an admin publishes them to pages; a published update is corrected, never withdrawn. All through
/// the door (which also refuses an incident the actor may not see), all audited on the incident.
/// </summary>
public sealed class StatusUpdateCommands(WriteDoor door, Microsoft.Extensions.Options.IOptions<PublicAddress> options)
{
    private const string Subject = "status update";

    public Task<CommandResult> DraftAsync(Actor actor, int incidentId, StatusUpdateInput input, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            if (!await w.VisibleIncidents().AnyAsync(i => i.Id == incidentId, ct)) return w.NotFound();
            var errors = input.Validate();
            var components = await ComponentsAsync(w, input, errors, ct);
            if (errors.Count > 0) return w.Invalid(errors);
            var update = new StatusUpdate
            {
                IncidentId = incidentId, Title = input.Title.Trim(), State = input.State, Body = input.Body.Trim(),
                CreatedAt = w.Now, CreatedBy = w.Actor.Name, Version = Guid.NewGuid(), Components = components,
            };
            w.Db.StatusUpdates.Add(update);
            w.Audit(AuditActions.StatusUpdateDrafted, update).Publish(ChangeScope.Incident(incidentId));
            return w.Done(update);
        }, ct);

    /// <summary>Rewrites a draft (not yet published) still at <paramref name="version"/>.</summary>
    public Task<CommandResult> EditDraftAsync(Actor actor, int id, Guid version, StatusUpdateInput input, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            var update = await w.Db.StatusUpdates.Include(u => u.Components).SingleOrDefaultAsync(u => u.Id == id, ct);
            if (update is null) return w.NotFound();
            if (update.PublishedAt is not null) return w.Invalid("", "This update is published: correct it instead.");
            var errors = input.Validate();
            var components = await ComponentsAsync(w, input, errors, ct);
            if (errors.Count > 0) return w.Invalid(errors);
            w.Expect(update, version);
            update.Title = input.Title.Trim();
            update.State = input.State;
            update.Body = input.Body.Trim();
            update.Components.Clear();
            update.Components.AddRange(components);
            w.Audit(AuditActions.StatusUpdateEdited, update).Publish(ChangeScope.Incident(update.IncidentId));
            return w.Done(update);
        }, ct);

    public Task<CommandResult> DeleteDraftAsync(Actor actor, int id, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            var update = await w.Db.StatusUpdates.SingleOrDefaultAsync(u => u.Id == id, ct);
            if (update is null) return w.NotFound();
            if (update.PublishedAt is not null) return w.Invalid("", "A published update stays on its pages; correct it instead.");
            w.Db.StatusUpdates.Remove(update);
            w.Audit(AuditActions.StatusUpdateDeleted, update).Publish(ChangeScope.Incident(update.IncidentId));
            return w.Done(update);
        }, ct);

    /// <summary>
    /// Publishes the update to the pages named by key (or adds pages to one already published). Only
    /// the incident's communications lead or an admin may: the responder who drafted it may not publish it.
    /// </summary>
    public Task<CommandResult> PublishAsync(Actor actor, int id, IReadOnlyList<string> pageKeys, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            var update = await w.Db.StatusUpdates.Include(u => u.Pages).SingleOrDefaultAsync(u => u.Id == id, ct);
            if (update is null) return w.NotFound();
            if (!await MayPublishAsync(w, update.IncidentId, ct)) return CommandResult.Forbidden(Subject);
            var keys = (pageKeys ?? []).Distinct().ToList();
            if (keys.Count == 0) return w.Invalid("Pages", "Choose at least one page to publish to.");
            var pages = await w.Db.StatusPages.Where(p => keys.Contains(p.Key)).Select(p => new { p.Id, p.Key }).ToListAsync(ct);
            if (keys.FirstOrDefault(k => pages.All(p => p.Key != k)) is { } unknown) return w.Invalid("Pages", $"No status page has the address '{unknown}'.");
            var added = pages.Where(p => update.Pages.All(x => x.StatusPageId != p.Id)).ToList();
            if (added.Count == 0) return w.Invalid("Pages", "The update is already on these pages.");
            update.PublishedAt ??= w.Now;
            update.PublishedBy ??= w.Actor.Name;
            update.Version = Guid.NewGuid();
            update.Pages.AddRange(added.Select(p => new StatusUpdatePage { StatusPageId = p.Id }));
            await SubscriptionCommands.QueueUpdateAsync(w, update, [.. added.Select(p => p.Id)], options.Value, "status-update", ct);
            w.Audit(AuditActions.StatusUpdatePublished, update, new FieldChange("Pages", null, string.Join(", ", added.Select(p => p.Key))))
                .Publish(ChangeScope.Incident(update.IncidentId), StatusPageRules.Scope);
            return w.Done(update);
        }, ct);

    /// <summary>A published update's title and text, corrected by whoever may publish; the pages say it was corrected and when.</summary>
    public Task<CommandResult> CorrectAsync(Actor actor, int id, Guid version, string title, string body, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            var update = await w.Db.StatusUpdates.SingleOrDefaultAsync(u => u.Id == id, ct);
            if (update is null) return w.NotFound();
            if (update.PublishedAt is null) return w.Invalid("", "This update is a draft: edit it instead.");
            if (!await MayPublishAsync(w, update.IncidentId, ct)) return CommandResult.Forbidden(Subject);
            var errors = (new StatusUpdateInput { Title = title, Body = body, State = update.State }).Validate();
            if (errors.Count > 0) return w.Invalid(errors);
            if (update.Title == title.Trim() && update.Body == body.Trim()) return w.Invalid("Body", "Nothing changed.");
            w.Expect(update, version);
            update.Title = title.Trim();
            update.Body = body.Trim();
            update.CorrectedAt = w.Now;
            var pages = await w.Db.StatusUpdatePages.Where(p => p.StatusUpdateId == update.Id).Select(p => p.StatusPageId).ToListAsync(ct);
            await SubscriptionCommands.QueueUpdateAsync(w, update, pages, options.Value, "status-correction", ct);
            w.Audit(AuditActions.StatusUpdateCorrected, update).Publish(ChangeScope.Incident(update.IncidentId), StatusPageRules.Scope);
            return w.Done(update);
        }, ct);

    /// <summary>Admins and owners, or the person holding the incident's communications-lead role.</summary>
    public static async Task<bool> MayPublishAsync(Write w, int incidentId, CancellationToken ct) =>
        w.Actor.May(Permission.Administer)
        || (w.Actor.UserId is { } user && await w.Db.IncidentParticipants.AnyAsync(p => p.IncidentId == incidentId && p.UserId == user && p.Role == IncidentRole.CommsLead, ct));

    private static async Task<List<StatusUpdateComponent>> ComponentsAsync(Write w, StatusUpdateInput input, Dictionary<string, string> errors, CancellationToken ct)
    {
        var named = input.Components ?? new Dictionary<string, ImpactLevel>();
        var keys = named.Keys.ToList();
        var services = await w.Db.Services.AsNoTracking().Where(s => keys.Contains(s.Key)).Select(s => new { s.Id, s.Key }).ToListAsync(ct);
        foreach (var key in keys.Where(k => services.All(s => s.Key != k))) errors[$"Components[{key}]"] = $"'{key}' is not a service in the catalog.";
        return [.. services.Select(s => new StatusUpdateComponent { ServiceId = s.Id, Level = named[s.Key] })];
    }
}
