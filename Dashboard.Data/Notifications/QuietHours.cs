namespace Dashboard.Data.Notifications;

/// <summary>Times in a person's own zone: quiet hours, and which day it is for them.</summary>
public static class QuietHours
{
    public static TimeZoneInfo Zone(string? id) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>Today's date where the person is.</summary>
    public static DateOnly Today(DateTime utcNow, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utcNow, zone));

    /// <summary>
    /// When quiet hours (local minutes from → to, over midnight when from &gt; to) end, in UTC, if
    /// <paramref name="utcNow"/> falls inside them; null when it does not or none are set.
    /// </summary>
    public static DateTime? EndOf(int? fromMinute, int? toMinute, TimeZoneInfo zone, DateTime utcNow)
    {
        if (fromMinute is not { } from || toMinute is not { } to || from == to) return null;
        var local = TimeZoneInfo.ConvertTimeFromUtc(utcNow, zone);
        var minute = (int)local.TimeOfDay.TotalMinutes;
        var quiet = from < to ? minute >= from && minute < to : minute >= from || minute < to;
        if (!quiet) return null;
        var end = local.Date.AddMinutes(to);
        if (to <= minute) end = end.AddDays(1);
        // A quiet end that falls in a spring-forward gap does not exist locally: it ends when the clocks have moved on.
        while (zone.IsInvalidTime(end)) end = end.AddMinutes(30);
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(end, DateTimeKind.Unspecified), zone);
    }
}
