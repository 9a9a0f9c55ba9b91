using Dashboard.Data.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Data.Notifications;

/// <summary>Someone who might be told something: the event's key makes each one told once.</summary>
public sealed record NotificationCandidate(string UserId, NotificationKind Kind, string Text, string? Link, int? IncidentId, string Key)
{
    /// <summary>The audit name of whoever caused it: nobody is told of their own doing.</summary>
    public string? CausedBy { get; init; }
}

/// <summary>
/// The one place a notification leaves for a person, in the app or by mail: inside the caller's
/// transaction it drops anyone who may not see the incident (a private one's participants, admins
/// and owners only), disabled accounts and the person who caused it, then follows each person's
/// preference for the kind, holds mail until their quiet hours end, and gives every mail a
/// one-click unsubscribe link for its kind.
/// </summary>
public sealed class Notifier(IOptions<PublicAddress> publicAddress, NotificationPublisher publisher)
{
    /// <summary>Stages what may be told on <paramref name="db"/> and saves it; returns how many notifications and mails were staged.</summary>
    public async Task<int> StageAsync(IncidentBoardDbContext db, IReadOnlyList<NotificationCandidate> candidates, DateTime now, CancellationToken ct)
    {
        if (candidates.Count == 0) return 0;
        var userIds = candidates.Select(c => c.UserId).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && !u.IsDisabled)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.Role, u.TimeZone }).ToDictionaryAsync(u => u.Id, ct);
        var incidentIds = candidates.Where(c => c.IncidentId is not null).Select(c => c.IncidentId!.Value).Distinct().ToList();
        var incidents = await db.Incidents.AsNoTracking().Where(i => incidentIds.Contains(i.Id))
            .Select(i => new { i.Id, i.IsPrivate, Participants = i.Participants.Select(p => p.UserId).ToList() }).ToDictionaryAsync(i => i.Id, ct);
        var preferences = await db.NotificationPreferences.AsNoTracking().Where(p => userIds.Contains(p.UserId)).ToListAsync(ct);
        // Tracked: a person's first mail gives them the secret that signs their unsubscribe links.
        var settings = await db.NotificationSettings.Where(s => userIds.Contains(s.UserId)).ToDictionaryAsync(s => s.UserId, ct);
        var keys = candidates.Select(c => c.Key).Distinct().ToList();
        var told = (await db.Notifications.AsNoTracking().Where(n => userIds.Contains(n.UserId) && keys.Contains(n.Key))
            .Select(n => new { n.UserId, n.Key }).ToListAsync(ct)).Select(n => (n.UserId, n.Key)).ToHashSet();

        var staged = 0;
        var bells = new HashSet<string>();
        foreach (var c in candidates.DistinctBy(c => (c.UserId, c.Key)))
        {
            if (!users.TryGetValue(c.UserId, out var user) || (c.CausedBy is not null && string.Equals(c.CausedBy, user.Email, StringComparison.OrdinalIgnoreCase))) continue;
            if (c.IncidentId is { } incidentId)
            {
                // The visibility rule: a deleted incident tells no one; a private one only its participants, admins and owners.
                if (!incidents.TryGetValue(incidentId, out var incident)) continue;
                if (incident.IsPrivate && user.Role < Role.Admin && !incident.Participants.Contains(user.Id)) continue;
            }
            if (told.Contains((c.UserId, c.Key))) continue;
            var preference = preferences.FirstOrDefault(p => p.UserId == c.UserId && p.Kind == c.Kind);
            var (inApp, email) = preference is null ? NotificationDefaults.For(c.Kind) : (preference.InApp, preference.Email);
            if (inApp)
            {
                db.Notifications.Add(new Notification { UserId = c.UserId, Kind = c.Kind, Text = Clip(c.Text, 500), Link = c.Link, IncidentId = c.IncidentId, Key = c.Key, CreatedAt = now });
                bells.Add(c.UserId);
                staged++;
            }
            if (email && MailAddresses.IsValid(user.Email))
            {
                if (!settings.TryGetValue(c.UserId, out var own)) db.NotificationSettings.Add(settings[c.UserId] = own = new NotificationSettings { UserId = c.UserId });
                own.UnsubscribeSecret ??= UnsubscribeTokens.NewSecret();
                var queued = await MailOutbox.EnqueueAsync(db, Mail(c, user.Email!, user.DisplayName, own, QuietHours.Zone(user.TimeZone), now), now, ct);
                if (queued.Queued) staged++;
            }
        }
        await db.SaveChangesAsync(ct);
        publisher.Stage(db, bells);
        return staged;
    }

    private MailDraft Mail(NotificationCandidate c, string address, string name, NotificationSettings own, TimeZoneInfo zone, DateTime now)
    {
        var baseUrl = publicAddress.Value.Link("").TrimEnd('/');
        var unsubscribe = UnsubscribeLink(baseUrl, c.UserId, c.Kind, UnsubscribeTokens.Sign(own.UnsubscribeSecret!, c.UserId, c.Kind));
        var text = Clip(c.Text, 500);
        var body = $"{text}\n\n"
            + (c.Link is null ? "" : $"Open it: {baseUrl}{c.Link}\n\n")
            + $"You get this because of your IncidentBoard notification settings ({NotificationDefaults.Describe(c.Kind)}).\n"
            + $"Stop these emails: {unsubscribe}\nAll settings: {baseUrl}/account/notifications\n";
        return new MailDraft($"notification:{c.UserId}:{c.Key}", address, OneLine("[IncidentBoard] " + text, MailDraft.MaxSubject), body, $"notification.{c.Kind}")
        {
            ToName = string.IsNullOrWhiteSpace(name) ? null : OneLine(name, MailDraft.MaxName),
            UnsubscribeUrl = unsubscribe,
            NotBefore = QuietHours.EndOf(own.QuietFromMinute, own.QuietToMinute, zone, now),
        };
    }

    public static string UnsubscribeLink(string baseUrl, string userId, NotificationKind kind, string token) =>
        $"{baseUrl}/notifications/unsubscribe?user={Uri.EscapeDataString(userId)}&kind={kind}&token={token}";

    /// <summary>Titles come from people: a line break would be refused as a subject, so it becomes a space.</summary>
    private static string OneLine(string text, int max) => Clip(new string([.. text.Select(ch => char.IsControl(ch) ? ' ' : ch)]), max);

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
