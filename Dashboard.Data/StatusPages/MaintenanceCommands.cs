using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.StatusPages;

/// <summary>Admins schedule and cancel a page's maintenances; through the door, audited.</summary>
public sealed class MaintenanceCommands(WriteDoor door)
{
    private const string Subject = "maintenance";
    public const int MaxDays = 14;

    public Task<CommandResult> ScheduleAsync(Actor actor, string pageKey, MaintenanceInput input, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            var page = await w.Db.StatusPages.AsNoTracking().Where(p => p.Key == pageKey).Select(p => new { p.Id }).SingleOrDefaultAsync(ct);
            if (page is null) return w.NotFound();
            var errors = new Dictionary<string, string>();
            if (string.IsNullOrWhiteSpace(input.Title)) errors[nameof(input.Title)] = "Name the maintenance.";
            else if (input.Title.Trim().Length > Limits.TitleLength) errors[nameof(input.Title)] = $"At most {Limits.TitleLength} characters.";
            if (string.IsNullOrWhiteSpace(input.Body)) errors[nameof(input.Body)] = "Say what will happen and what readers will notice.";
            else if (input.Body.Trim().Length > StatusPageRules.BodyLength) errors[nameof(input.Body)] = $"At most {StatusPageRules.BodyLength:N0} characters.";
            var from = Time(input.ScheduledFor, nameof(input.ScheduledFor), errors);
            var until = Time(input.ScheduledUntil, nameof(input.ScheduledUntil), errors);
            if (from is { } f && until is { } u && (u <= f || u - f > TimeSpan.FromDays(MaxDays)))
                errors[nameof(input.ScheduledUntil)] = $"The end comes after the start, at most {MaxDays} days later.";
            if (input.VerifyMinutes is < 0 or > 24 * 60) errors[nameof(input.VerifyMinutes)] = "Verifying lasts 0 to 1,440 minutes.";
            var keys = (input.Components ?? []).Distinct().ToList();
            var services = await w.Db.StatusPageComponents.AsNoTracking().Where(c => c.StatusPageId == page.Id && keys.Contains(c.Service!.Key))
                .Select(c => new { c.ServiceId, c.Service!.Key }).ToListAsync(ct);
            foreach (var key in keys.Where(k => services.All(s => s.Key != k))) errors[$"Components[{key}]"] = $"'{key}' is not a component of this page.";
            if (keys.Count == 0) errors[nameof(input.Components)] = "Choose the components the work touches.";
            if (errors.Count > 0) return w.Invalid(errors);
            var maintenance = new StatusMaintenance
            {
                StatusPageId = page.Id, Title = input.Title.Trim(), Body = input.Body.Trim(), ScheduledFor = from!.Value, ScheduledUntil = until!.Value,
                VerifyMinutes = input.VerifyMinutes, CreatedAt = w.Now, CreatedBy = w.Actor.Name, Version = Guid.NewGuid(),
                Components = [.. services.Select(s => new StatusMaintenanceComponent { ServiceId = s.ServiceId })],
            };
            w.Db.StatusMaintenances.Add(maintenance);
            w.Audit(AuditActions.MaintenanceScheduled, maintenance, new FieldChange("Page", null, pageKey)).Publish(StatusPageRules.Scope);
            return w.Done(maintenance);
        }, ct);

    public Task<CommandResult> CancelAsync(Actor actor, int id, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            var maintenance = await w.Db.StatusMaintenances.SingleOrDefaultAsync(m => m.Id == id, ct);
            if (maintenance is null) return w.NotFound();
            w.Db.StatusMaintenances.Remove(maintenance);
            w.Audit(AuditActions.MaintenanceCancelled, maintenance).Publish(StatusPageRules.Scope);
            return w.Done(maintenance);
        }, ct);

    private static DateTime? Time(string text, string field, Dictionary<string, string> errors)
    {
        if (UtcTime.TryParseIso(text, out var iso)) return iso;
        if (UtcTime.TryParseTyped(text, out var typed) && typed is { } t) return t;
        errors[field] = "A UTC time: 2026-01-15T22:00:00Z or 2026-01-15 22:00.";
        return null;
    }
}
