using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Notifications;

public sealed record NotificationRow(long Id, NotificationKind Kind, string Text, string? Link, DateTime CreatedAt, DateTime? ReadAt);

public sealed record KindPreference(NotificationKind Kind, string Description, bool InApp, bool Email);

public sealed record NotificationSettingsView(IReadOnlyList<KindPreference> Kinds, int? QuietFromMinute, int? QuietToMinute, string? Teams, string? TimeZone)
{
    public DigestFrequency DigestFrequency { get; init; } = DigestDefaults.Frequency;
    public int DigestHour { get; init; } = DigestDefaults.Hour;
    public DayOfWeek DigestWeekday { get; init; } = DigestDefaults.Weekday;
}

/// <summary>
/// A person's notifications and settings. Reads apply the visibility rule again: someone taken off a
/// private incident no longer sees what they were told about it.
/// </summary>
public sealed class NotificationQueries(IDbContextFactory<IncidentBoardDbContext> dbFactory)
{
    public async Task<int> UnreadCountAsync(Actor viewer, CancellationToken ct = default)
    {
        if (viewer.UserId is not { } userId) return 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Visible(db, viewer, userId).CountAsync(n => n.ReadAt == null, ct);
    }

    public async Task<IReadOnlyList<NotificationRow>> ListAsync(Actor viewer, int take = 100, CancellationToken ct = default)
    {
        if (viewer.UserId is not { } userId) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Visible(db, viewer, userId).OrderByDescending(n => n.Id).Take(take)
            .Select(n => new NotificationRow(n.Id, n.Kind, n.Text, n.Link, n.CreatedAt, n.ReadAt)).ToListAsync(ct);
    }

    public async Task<NotificationSettingsView> SettingsAsync(Actor viewer, CancellationToken ct = default)
    {
        var userId = viewer.UserId ?? "";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == userId).ToListAsync(ct);
        var settings = await db.NotificationSettings.AsNoTracking().SingleOrDefaultAsync(s => s.UserId == userId, ct);
        var zone = await db.Users.Where(u => u.Id == userId).Select(u => u.TimeZone).SingleOrDefaultAsync(ct);
        // The digest is chosen by its frequency below, not per channel.
        var kinds = Enum.GetValues<NotificationKind>().Where(k => k != NotificationKind.Digest).Select(k =>
        {
            var (inApp, email) = stored.FirstOrDefault(p => p.Kind == k) is { } p ? (p.InApp, p.Email) : NotificationDefaults.For(k);
            return new KindPreference(k, NotificationDefaults.Describe(k), inApp, email);
        }).ToList();
        return new NotificationSettingsView(kinds, settings?.QuietFromMinute, settings?.QuietToMinute, settings?.Teams, zone)
        {
            DigestFrequency = settings?.DigestFrequency ?? DigestDefaults.Frequency,
            DigestHour = settings?.DigestHour ?? DigestDefaults.Hour,
            DigestWeekday = settings?.DigestWeekday ?? DigestDefaults.Weekday,
        };
    }

    /// <summary>The emails of a catalog team's leads, in order.</summary>
    public async Task<IReadOnlyList<string>> TeamLeadsAsync(string team, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var emails = await db.TeamLeads.AsNoTracking().Where(t => t.Team == team).Join(db.Users, t => t.UserId, u => u.Id, (t, u) => u.Email!).ToListAsync(ct);
        return [.. emails.Order(StringComparer.Ordinal)];
    }

    public async Task<bool> IsFollowingAsync(Actor viewer, int incidentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.IncidentFollows.AnyAsync(f => f.IncidentId == incidentId && f.UserId == viewer.UserId, ct);
    }

    private static IQueryable<Notification> Visible(IncidentBoardDbContext db, Actor viewer, string userId)
    {
        var visible = db.Incidents.VisibleTo(viewer).Select(i => i.Id);
        return db.Notifications.AsNoTracking().Where(n => n.UserId == userId && (n.IncidentId == null || visible.Contains(n.IncidentId.Value)));
    }
}
