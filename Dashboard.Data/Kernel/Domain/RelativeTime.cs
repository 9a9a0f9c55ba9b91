namespace Dashboard.Data.Kernel;

/// <summary>
/// "3 days ago", "in 2 hours", "tomorrow": how long ago or ahead a time is, in the largest whole unit.
/// Shown beside the absolute UTC time where recency matters, never instead of it.
/// </summary>
public static class RelativeTime
{
    public static string Of(DateTime at, DateTime now)
    {
        var span = now - at;
        var past = span >= TimeSpan.Zero;
        var d = past ? span : -span;
        if (d < TimeSpan.FromMinutes(1)) return "just now";
        var text = d switch
        {
            _ when d < TimeSpan.FromHours(1) => Count((int)d.TotalMinutes, "minute"),
            _ when d < TimeSpan.FromDays(1) => Count((int)d.TotalHours, "hour"),
            _ when d < TimeSpan.FromDays(30) => Count((int)d.TotalDays, "day"),
            _ when d < TimeSpan.FromDays(365) => Count((int)(d.TotalDays / 30.44), "month"),
            _ => Count((int)(d.TotalDays / 365.25), "year"),
        };
        return past ? text + " ago" : "in " + text;
    }

    /// <summary>A calendar day against today: "today", "yesterday", "in 3 days", "2 months ago".</summary>
    public static string Of(DateOnly day, DateOnly today)
    {
        var days = day.DayNumber - today.DayNumber;
        return days switch
        {
            0 => "today",
            1 => "tomorrow",
            -1 => "yesterday",
            > 1 and < 30 => $"in {days} days",
            < -1 and > -30 => $"{-days} days ago",
            _ => Of(day.ToDateTime(TimeOnly.MinValue), today.ToDateTime(TimeOnly.MinValue)),
        };
    }

    private static string Count(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
}
