using Dashboard.Data.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Data.StatusPages;

/// <summary>
/// Reminds a page's subscribers (mail, and the <c>maintenance.reminded</c> webhook event) that a
/// maintenance starts within <see cref="Lead"/>. Each reminder is one write through the door: the
/// maintenance's <see cref="StatusMaintenance.ReminderSentAt"/>, its outbox rows and its audit entry
/// commit together, so a restart neither loses nor repeats one, and the version check makes two
/// instances racing for the same maintenance send it once.
/// </summary>
public sealed class MaintenanceReminders(WriteDoor door, IDbContextFactory<IncidentBoardDbContext> dbFactory, TimeProvider clock, IOptions<PublicAddress> options)
{
    public static readonly TimeSpan Lead = TimeSpan.FromMinutes(60);

    /// <summary>Who sends reminders in the audit trail.</summary>
    public static readonly Actor Sender = new(ActorKind.System, "maintenance reminders", Role.Admin, ChangeSource.Api);

    /// <summary>Sends every reminder due now (the work starts within the hour and has not started); the number sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<int> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            due = await db.StatusMaintenances.AsNoTracking().Where(m => m.ReminderSentAt == null && m.ScheduledFor > now && m.ScheduledFor <= now + Lead)
                .OrderBy(m => m.ScheduledFor).Select(m => m.Id).ToListAsync(ct);
        var sent = 0;
        foreach (var id in due)
            if ((await RemindAsync(id, ct)) is { Succeeded: true, Id: not null }) sent++;
        return sent;
    }

    private Task<CommandResult> RemindAsync(int id, CancellationToken ct) =>
        door.RunAsync(Sender, Permission.Administer, "maintenance reminder", async w =>
        {
            var m = await w.Db.StatusMaintenances.Include(x => x.Components).SingleOrDefaultAsync(x => x.Id == id, ct);
            // Sent meanwhile by another instance, cancelled, or moved: nothing to do.
            if (m is null || m.ReminderSentAt is not null || m.ScheduledFor <= w.Now || m.ScheduledFor > w.Now + Lead) return CommandResult.Ok("maintenance reminder");
            w.Expect(m, m.Version);
            m.ReminderSentAt = w.Now;
            var page = await w.Db.StatusPages.AsNoTracking().Where(p => p.Id == m.StatusPageId).Select(p => new { p.Key, p.Name }).SingleAsync(ct);
            var services = m.Components.Select(c => c.ServiceId).ToList();
            var names = await w.Db.StatusPageComponents.AsNoTracking().Where(c => c.StatusPageId == m.StatusPageId && services.Contains(c.ServiceId))
                .OrderBy(c => c.Position).Select(c => c.DisplayName).ToListAsync(ct);
            // Set-based, as the updates are: a page with 10,000 subscribers is one quick write.
            await MailOutbox.EnqueueManyAsync(w, (await SubscriptionCommands.RecipientsAsync(w, [m.StatusPageId], services, ct)).Select(s =>
            {
                var text = $"{m.Title}\nScheduled maintenance from {UtcTime.Format(m.ScheduledFor)} to {UtcTime.Format(m.ScheduledUntil)} UTC" +
                    (names.Count > 0 ? $"\nAffects: {string.Join(", ", names)}" : "") + $"\n\n{m.Body}\n\n" + s.Footer(options.Value, $"#m{m.Id}");
                return new MailDraft($"status-maintenance-reminder:{m.Id}:{s.Id}", s.Email,
                    $"[{SubscriptionCommands.Line(page.Name)}] Reminder: {SubscriptionCommands.Line(m.Title)} starts at {m.ScheduledFor:HH:mm} UTC", text,
                    "status-maintenance-reminder") { UnsubscribeUrl = s.UnsubscribeUrl(options.Value) };
            }), ct);
            w.Audit(AuditActions.MaintenanceReminded, m, new FieldChange("Page", null, page.Key));
            return w.Done(m);
        }, ct);
}
