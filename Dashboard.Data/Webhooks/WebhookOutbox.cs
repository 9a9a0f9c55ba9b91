using System.Text.Json;
using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Actions;
using Dashboard.Data.Timeline;

namespace Dashboard.Data.Webhooks;

/// <summary>
/// The webhook step of every audited write (an <see cref="IAuditListener"/> of the door): inside the write's transaction, after its audit entries, each audited
/// action that is a webhook event becomes one outbox row per enabled endpoint subscribed to it.
/// The rows commit or roll back with the change itself. A write about a private incident is queued
/// only for endpoints an admin marked for private incidents (<see cref="EdgeAudience"/>); for the
/// others nothing about it is queued at all, not even that something happened.
/// </summary>
public sealed class WebhookOutbox : IAuditListener
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task StageAsync(IncidentBoardDbContext db, IReadOnlyList<(AuditEntry Entry, object? Entity)> audited, CancellationToken ct)
    {
        var events = audited.Select(a => (a.Entry, a.Entity, Type: WebhookEventTypes.ForAuditAction(a.Entry.Action)))
            .Where(e => e.Type is not null).ToList();
        if (events.Count == 0) return;
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.IsEnabled)
            .Select(e => new { e.Id, e.EventTypes, e.IncludePrivate }).ToListAsync(ct);
        if (endpoints.Count == 0) return;
        // Decided for the whole write (every audited entry, not only those that are events): one of
        // its entries may name a private incident that another event's payload would reveal.
        var hidden = await EdgeAudience.PrivateIncidentsOfAsync(db, audited, ct);
        var aboutPrivate = hidden.Count > 0;
        foreach (var (entry, entity, type) in events)
        {
            var subscribers = endpoints.Where(e => new EdgeAudience(e.IncludePrivate).Hears(aboutPrivate)
                && WebhookEventTypes.Parse(e.EventTypes).Contains(type!)).ToList();
            if (subscribers.Count == 0) continue;
            var eventId = WebhookSigning.NewMessageId();
            var payload = JsonSerializer.Serialize(new { type, timestamp = entry.At, data = Data(entry, entity, hidden) }, Json);
            db.WebhookDeliveries.AddRange(subscribers.Select(s => new WebhookDelivery
            {
                EventId = eventId, EndpointId = s.Id, EventType = type!, Payload = payload, AboutPrivate = aboutPrivate,
                Status = DeliveryStatus.Pending, CreatedAt = entry.At, NextAttemptAt = entry.At,
            }));
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// What the event is about, as the row stood when it was written, plus who wrote it, which fields
    /// changed and, for anything that belongs to an incident, that incident with whether it is private.
    /// </summary>
    private static object Data(AuditEntry entry, object? entity, IReadOnlySet<int> hidden)
    {
        JsonElement? changes = entry.Changes is null ? null : JsonDocument.Parse(entry.Changes).RootElement;
        var subject = entity switch
        {
            Incident i when entry.Action is AuditActions.PostmortemSubmitted or AuditActions.PostmortemPublished => (object)new
            {
                incidentId = i.Id, incidentSlug = i.Slug, title = i.Title, status = i.PostmortemStatus.ToString(),
            },
            Incident i => new
            {
                id = i.Id, slug = i.Slug, title = i.Title, severity = i.Severity.ToString(), status = i.Status.ToString(),
                organisation = i.Organisation, isPrivate = i.IsPrivate, detectedAt = i.DetectedAt, mitigatedAt = i.MitigatedAt, resolvedAt = i.ResolvedAt,
            },
            TimelineEvent e => new
            {
                id = e.Id, incidentId = e.IncidentId, incidentSlug = entry.IncidentSlug, occurredAt = e.OccurredAt,
                kind = e.Kind.ToString(), text = e.Text, author = e.Author, isKey = e.IsKey,
            },
            RemediationAction a => new
            {
                id = a.Id, incidentId = a.IncidentId, incidentSlug = entry.IncidentSlug, title = a.Title, status = a.Status.ToString(),
                priority = a.Priority.ToString(), owner = a.Owner, dueDate = a.DueDate,
            },
            // The public update as the pages show it: its own title and text, never the incident's internal ones.
            StatusPages.StatusUpdate u => new
            {
                id = u.Id, incidentId = u.IncidentId, incidentSlug = entry.IncidentSlug, title = u.Title, state = u.State.ToString(), body = u.Body,
                publishedAt = u.PublishedAt, correctedAt = u.CorrectedAt,
            },
            // The public postmortem as published: never its draft.
            StatusPages.StatusPostmortem p => new
            {
                incidentId = p.IncidentId, incidentSlug = entry.IncidentSlug, body = p.Body, publishedAt = p.PublishedAt, updatedAt = p.UpdatedAt,
            },
            // The reminder that planned work on a page starts within the hour, as the page shows it.
            StatusPages.StatusMaintenance m => new
            {
                id = m.Id, title = m.Title, body = m.Body, scheduledFor = m.ScheduledFor, scheduledUntil = m.ScheduledUntil, reminderSentAt = m.ReminderSentAt,
            },
            _ => new { key = entry.EntityKey, incidentId = entry.IncidentId, incidentSlug = entry.IncidentSlug },
        };
        var incident = entry.IncidentId is { } id ? new { id, slug = entry.IncidentSlug, isPrivate = hidden.Contains(id) } : null;
        // A public postmortem's changed fields include its draft's old text, which never went public: not sent.
        if (entity is StatusPages.StatusPostmortem) changes = null;
        return new { @object = subject, actor = entry.Actor, changes, incident };
    }
}
