namespace Dashboard.Data.Budgets;

/// <summary>One impact window of a service, its end already resolved (see <see cref="ErrorBudget"/>) or null while it goes on.</summary>
public sealed record ChargeWindow(DateTime Start, DateTime? End, ImpactLevel Level);

/// <summary>What one incident took from one service's budget: minutes charged (weighted), the budget, and the share.</summary>
public sealed record BudgetUse(double ChargedMinutes, double BudgetMinutes)
{
    public double Share => BudgetMinutes <= 0 ? double.PositiveInfinity : ChargedMinutes / BudgetMinutes;
}

/// <summary>
/// Error-budget arithmetic in plain code, all in UTC. A window charges its minutes times its level's
/// weight; where windows of one service overlap, each minute is charged once, at the highest weight
/// among the windows covering it. A window without an end is charged until <c>now</c>.
/// </summary>
public static class ErrorBudget
{
    /// <summary>Weighted minutes of <paramref name="windows"/> inside [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static double ChargedMinutes(IEnumerable<ChargeWindow> windows, Slo slo, DateTime now, DateTime? from = null, DateTime? to = null)
    {
        var spans = windows.Select(w => (Start: Max(w.Start, from), End: Min(w.End ?? now, to), Weight: slo.Weight(w.Level)))
            .Where(s => s.End > s.Start && s.Weight > 0).ToList();
        if (spans.Count == 0) return 0;
        var cuts = spans.SelectMany(s => new[] { s.Start, s.End }).Distinct().Order().ToList();
        double total = 0;
        for (var i = 0; i + 1 < cuts.Count; i++)
        {
            var (a, b) = (cuts[i], cuts[i + 1]);
            var weight = spans.Where(s => s.Start <= a && s.End >= b).Select(s => s.Weight).DefaultIfEmpty(0).Max();
            total += weight * (b - a).TotalMinutes;
        }
        return total;
    }

    /// <summary>
    /// What one incident's windows took from the service's budget. On a calendar-month SLO an incident
    /// that crosses a month boundary is charged to each month it touches, and the month it weighed most
    /// on is reported; on a rolling SLO its whole charge counts against one window's budget.
    /// </summary>
    public static BudgetUse IncidentUse(IReadOnlyCollection<ChargeWindow> windows, Slo slo, DateTime now)
    {
        if (windows.Count == 0) return new BudgetUse(0, slo.BudgetMinutes(now));
        if (slo.Window != SloWindow.CalendarMonth)
            return new BudgetUse(ChargedMinutes(windows, slo, now), slo.BudgetMinutes(windows.Min(w => w.Start)));
        var first = Slo.MonthStart(windows.Min(w => w.Start));
        var last = windows.Max(w => w.End ?? now);
        var uses = new List<BudgetUse>();
        for (var month = first; month < last || month == first; month = month.AddMonths(1))
            uses.Add(new BudgetUse(ChargedMinutes(windows, slo, now, month, month.AddMonths(1)), slo.BudgetMinutes(month)));
        return uses.MaxBy(u => u.Share)!;
    }

    /// <summary>
    /// The share of the budget consumed in the budget window ending at each moment of
    /// [<paramref name="from"/>, <paramref name="to"/>]: the rolling days before it, or the calendar
    /// month so far. Sampled where the curve bends (window starts and ends, the moments they leave
    /// a rolling window, month boundaries), so straight lines between the points draw it exactly.
    /// </summary>
    public static IReadOnlyList<(DateTime At, double Share)> Burn(IReadOnlyCollection<ChargeWindow> windows, Slo slo, DateTime now, DateTime from, DateTime to)
    {
        var length = slo.Window switch { SloWindow.Rolling28Days => TimeSpan.FromDays(28), SloWindow.Rolling30Days => TimeSpan.FromDays(30), _ => TimeSpan.Zero };
        var moments = new SortedSet<DateTime> { from, to };
        foreach (var w in windows)
            foreach (var t in new[] { w.Start, w.End ?? now, w.Start + length, (w.End ?? now) + length })
                if (t >= from && t <= to) moments.Add(t);
        var points = new List<(DateTime, double)>();
        if (slo.Window == SloWindow.CalendarMonth)
        {
            for (var m = Slo.MonthStart(from).AddMonths(1); m <= to; m = m.AddMonths(1))
            {
                // The month's total just before the boundary, then zero as the new month starts.
                points.Add((m, Share(windows, slo, now, m.AddMonths(-1), m, m.AddMonths(-1))));
                moments.Remove(m);
                points.Add((m, 0));
            }
        }
        foreach (var t in moments)
        {
            var (start, end) = slo.Window == SloWindow.CalendarMonth ? (Slo.MonthStart(t), t) : (t - length, t);
            points.Add((t, Share(windows, slo, now, start, end, t)));
        }
        return [.. points.OrderBy(p => p.Item1)];
    }

    private static double Share(IReadOnlyCollection<ChargeWindow> windows, Slo slo, DateTime now, DateTime from, DateTime to, DateTime budgetAt) =>
        ChargedMinutes(windows, slo, now, from, to) / slo.BudgetMinutes(budgetAt);

    private static DateTime Max(DateTime a, DateTime? b) => b is { } x && x > a ? x : a;
    private static DateTime Min(DateTime a, DateTime? b) => b is { } x && x < a ? x : a;
}
