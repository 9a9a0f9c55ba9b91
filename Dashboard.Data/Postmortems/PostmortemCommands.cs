using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Incidents;

namespace Dashboard.Data.Postmortems;

public sealed class PostmortemCommands(WriteDoor door)
{
    private const string Subject = "postmortem";

    /// <summary>
    /// Saves the text if nobody saved since <paramref name="expectedVersion"/> was read and the
    /// document is not published. A stale save comes back as a conflict with the version now saved.
    /// </summary>
    public Task<CommandResult> SaveAsync(Actor actor, int incidentId, Guid expectedVersion, string? markdown, CancellationToken ct = default)
    {
        var text = string.IsNullOrWhiteSpace(markdown) ? null : markdown.Replace("\r\n", "\n");
        return door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            if (text is not null && text.Length > Limits.PostmortemLength)
                return w.Invalid("", $"The postmortem is {text.Length:N0} characters long; the limit is {Limits.PostmortemLength:N0}.");
            var incident = await w.Db.Incidents.SingleOrDefaultAsync(i => i.Id == incidentId, ct);
            if (incident is null) return CommandResult.NotFound("incident");
            if (incident.PostmortemVersion != expectedVersion) return CommandResult.Conflict(Subject, incident.PostmortemVersion);
            if (PostmortemWorkflow.IsLocked(incident.PostmortemStatus))
                return w.Invalid("", "The postmortem is published and locked; reopen it to edit.");
            var version = w.Expect(incident, expectedVersion, nameof(Incident.PostmortemVersion));
            incident.PostmortemMarkdown = text;
            incident.PostmortemSavedAt = w.Now;
            incident.PostmortemSavedBy = w.Actor.DisplayName;
            w.Audit(AuditActions.PostmortemSaved, incident).Publish(ChangeScope.Incident(incidentId));
            return w.Done(incident) with { Version = version };
        }, ct);
    }

    /// <summary>
    /// Saves "What surprised us", a field of the incident (its <see cref="Incident.Version"/> guards it)
    /// that the postmortem shows through <c>{{surprises}}</c>; refused while the postmortem is published.
    /// </summary>
    public Task<CommandResult> SetSurprisesAsync(Actor actor, int incidentId, Guid version, string? text, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            var clean = string.IsNullOrWhiteSpace(text) ? null : text.Replace("\r\n", "\n").Trim();
            if (clean is not null && clean.Length > Limits.MarkdownLength)
                return w.Invalid(nameof(Incident.WhatSurprisedUs), $"At most {Limits.MarkdownLength:N0} characters.");
            var incident = await w.VisibleIncidents().SingleOrDefaultAsync(i => i.Id == incidentId, ct);
            if (incident is null) return CommandResult.NotFound("incident");
            if (PostmortemWorkflow.IsLocked(incident.PostmortemStatus))
                return w.Invalid("", "The postmortem is published and locked; reopen it to edit.");
            w.Expect(incident, version);
            incident.WhatSurprisedUs = clean;
            incident.UpdatedAt = w.Now;
            w.Audit(AuditActions.PostmortemSaved, incident).Publish(ChangeScope.Incident(incidentId));
            return w.Done(incident);
        }, ct);

    /// <summary>Moves the postmortem through review and records who did it; refused when the status changed meanwhile.</summary>
    public Task<CommandResult> TransitionAsync(Actor actor, int incidentId, PostmortemStatus from, PostmortemStatus to, string? note, CancellationToken ct = default)
    {
        return door.RunAsync(actor, PostmortemWorkflow.PermissionFor(from, to), Subject, async w =>
        {
            var incident = await w.Db.Incidents.SingleOrDefaultAsync(i => i.Id == incidentId, ct);
            if (incident is null) return CommandResult.NotFound("incident");
            if (incident.PostmortemStatus != from) return CommandResult.Conflict(Subject, incident.PostmortemVersion);
            if (PostmortemWorkflow.Check(from, to, w.Actor.DisplayName, note, incident.PostmortemMarkdown is not null) is { } problem) return w.Invalid("", problem);
            incident.PostmortemStatus = to;
            w.Db.PostmortemTransitions.Add(new PostmortemTransition
            {
                IncidentId = incidentId, From = from, To = to, By = w.Actor.DisplayName,
                Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), At = w.Now,
            });
            w.Audit(PostmortemWorkflow.AuditAction(from, to), incident, string.IsNullOrWhiteSpace(note) ? [] : [new FieldChange("Note", null, note.Trim())])
                .Publish(Incidents.IncidentCommands.Scopes(incidentId)); // lists and "My work" show where postmortems stand
            return w.Done(incident) with { Version = incident.PostmortemVersion };
        }, ct);
    }
}
