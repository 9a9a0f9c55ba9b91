namespace Dashboard.Data.Kernel;

public static class Durations
{
    /// <summary>"5 h 46 m", "11 m", "10 d 19 h": compact and unambiguous for spans from minutes to days.</summary>
    public static string Format(TimeSpan? span)
    {
        if (span is not { } s) return "—";
        if (s < TimeSpan.Zero) return "−" + Format(s.Negate());
        if (s.TotalDays >= 1) return $"{(int)s.TotalDays} d {s.Hours} h";
        if (s.TotalHours >= 1) return $"{(int)s.TotalHours} h {s.Minutes} m";
        return $"{(int)s.TotalMinutes} m";
    }
}
