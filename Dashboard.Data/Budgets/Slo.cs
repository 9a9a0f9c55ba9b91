namespace Dashboard.Data.Budgets;

/// <summary>
/// A service's availability objective: the target (0.999), the window its error budget is counted
/// over, and the share of a minute each impact level charges.
/// </summary>
public sealed record Slo(double Target, SloWindow Window, double WeightMajorOutage = 1.0, double WeightPartialOutage = 0.5, double WeightDegraded = 0.1)
{
    public const int DayMinutes = 24 * 60;

    /// <summary>The service's SLO, or null when it has none (then it has no error budget either).</summary>
    public static Slo? Of(double? target, SloWindow window, double major, double partial, double degraded) =>
        target is { } t ? new Slo(t, window, major, partial, degraded) : null;

    public double Weight(ImpactLevel level) => level switch
    {
        ImpactLevel.MajorOutage => WeightMajorOutage,
        ImpactLevel.PartialOutage => WeightPartialOutage,
        _ => WeightDegraded,
    };

    /// <summary>The budget window that holds <paramref name="at"/> (UTC): the calendar month, or the rolling days ending at it.</summary>
    public (DateTime From, DateTime To) WindowAt(DateTime at) => Window switch
    {
        SloWindow.CalendarMonth => (MonthStart(at), MonthStart(at).AddMonths(1)),
        SloWindow.Rolling28Days => (at.AddDays(-28), at),
        _ => (at.AddDays(-30), at),
    };

    /// <summary>Error budget in minutes: (1 − target) × the window's minutes (a calendar month has its own length).</summary>
    public double BudgetMinutes(DateTime at)
    {
        var (from, to) = WindowAt(at);
        return (1 - Target) * (to - from).TotalMinutes;
    }

    public string Describe() =>
        $"{Target * 100:0.###}% over {Window switch { SloWindow.CalendarMonth => "a calendar month", SloWindow.Rolling28Days => "a rolling 28 days", _ => "a rolling 30 days" }}";

    public static DateTime MonthStart(DateTime at) => new(at.Year, at.Month, 1, 0, 0, 0, DateTimeKind.Utc);
}
