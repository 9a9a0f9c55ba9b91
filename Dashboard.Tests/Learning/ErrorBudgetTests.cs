using Dashboard.Data.Budgets;

namespace Dashboard.Tests.Learning;

public sealed class ErrorBudgetTests
{
    private static readonly DateTime T = new(2025, 11, 18, 11, 0, 0, DateTimeKind.Utc);
    private static readonly Slo Monthly = new(0.999, SloWindow.CalendarMonth);
    private static readonly DateTime Now = new(2026, 1, 15, 9, 0, 0, DateTimeKind.Utc);

    private static ChargeWindow W(int fromMinute, int? toMinute, ImpactLevel level) =>
        new(T.AddMinutes(fromMinute), toMinute is { } m ? T.AddMinutes(m) : null, level);

    [Fact]
    public void A_99_9_monthly_budget_is_a_thousandth_of_the_month_in_minutes()
    {
        Assert.Equal(43.2, Monthly.BudgetMinutes(T), 6);                                          // November: 30 days
        Assert.Equal(44.64, Monthly.BudgetMinutes(new DateTime(2025, 12, 5, 0, 0, 0, DateTimeKind.Utc)), 6); // December: 31 days
        Assert.Equal(40.32, new Slo(0.999, SloWindow.Rolling28Days).BudgetMinutes(T), 6);
        Assert.Equal(43.2, new Slo(0.999, SloWindow.Rolling30Days).BudgetMinutes(T), 6);
    }

    [Fact]
    public void Each_level_charges_its_weight_and_the_weights_are_the_services_own()
    {
        Assert.Equal(60, ErrorBudget.ChargedMinutes([W(0, 60, ImpactLevel.MajorOutage)], Monthly, Now), 6);
        Assert.Equal(30, ErrorBudget.ChargedMinutes([W(0, 60, ImpactLevel.PartialOutage)], Monthly, Now), 6);
        Assert.Equal(6, ErrorBudget.ChargedMinutes([W(0, 60, ImpactLevel.Degraded)], Monthly, Now), 6);
        Assert.Equal(45, ErrorBudget.ChargedMinutes([W(0, 60, ImpactLevel.PartialOutage)], Monthly with { WeightPartialOutage = 0.75 }, Now), 6);
    }

    [Fact]
    public void Overlapping_windows_count_each_minute_once_at_the_highest_weight()
    {
        // Degraded 0–120 and a major outage 30–60 inside it: 90 min × 0.1 + 30 min × 1.0.
        var charged = ErrorBudget.ChargedMinutes([W(0, 120, ImpactLevel.Degraded), W(30, 60, ImpactLevel.MajorOutage)], Monthly, Now);
        // Two major windows over the same half hour count it once.
        var twice = ErrorBudget.ChargedMinutes([W(0, 30, ImpactLevel.MajorOutage), W(0, 30, ImpactLevel.MajorOutage), W(20, 40, ImpactLevel.PartialOutage)], Monthly, Now);

        Assert.Equal(39, charged, 6);
        Assert.Equal(35, twice, 6);
    }

    [Fact]
    public void A_window_without_an_end_is_charged_until_now()
    {
        var now = T.AddMinutes(90);

        Assert.Equal(90, ErrorBudget.ChargedMinutes([W(0, null, ImpactLevel.MajorOutage)], Monthly, now), 6);
    }

    [Fact]
    public void An_incident_across_a_month_boundary_is_charged_to_each_month_and_reports_the_heavier()
    {
        // 23:00 on 31 Oct to 02:00 on 1 Nov: 60 minutes in October (31 days), 120 in November (30 days).
        var start = new DateTime(2025, 10, 31, 23, 0, 0, DateTimeKind.Utc);
        var use = ErrorBudget.IncidentUse([new ChargeWindow(start, start.AddHours(3), ImpactLevel.MajorOutage)], Monthly, Now);

        Assert.Equal((120, 43.2), (Math.Round(use.ChargedMinutes, 6), Math.Round(use.BudgetMinutes, 6)));
        Assert.Equal(60, ErrorBudget.ChargedMinutes([new ChargeWindow(start, start.AddHours(3), ImpactLevel.MajorOutage)], Monthly, Now,
            new DateTime(2025, 10, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2025, 11, 1, 0, 0, 0, DateTimeKind.Utc)), 6);
    }

    [Fact]
    public void The_18_November_FL2_outage_took_several_times_a_99_9_monthly_budget()
    {
        var use = ErrorBudget.IncidentUse([new ChargeWindow(T.AddMinutes(20), T.AddMinutes(210), ImpactLevel.MajorOutage)], Monthly, Now);

        Assert.Equal(190 / 43.2, use.Share, 6); // about 440%
    }

    [Fact]
    public void A_service_without_an_SLO_has_no_budget()
    {
        Assert.Null(Slo.Of(null, SloWindow.CalendarMonth, 1, 0.5, 0.1));
        Assert.NotNull(Slo.Of(0.995, SloWindow.Rolling28Days, 1, 0.5, 0.1));
    }

    [Fact]
    public void Rolling_burn_rises_while_a_window_is_open_and_falls_once_it_leaves_the_window()
    {
        var slo = new Slo(0.999, SloWindow.Rolling30Days);
        var burn = ErrorBudget.Burn([W(0, 60, ImpactLevel.MajorOutage)], slo, Now, T.AddDays(-1), T.AddDays(40));

        Assert.Equal(0, burn.First().Share);
        Assert.Contains(burn, p => p.At == T.AddMinutes(60) && Math.Abs(p.Share - 60 / 43.2) < 1e-9);
        Assert.Contains(burn, p => p.At == T.AddDays(30).AddMinutes(60) && p.Share == 0);
        Assert.Equal(0, burn.Last().Share);
    }

    [Fact]
    public void Calendar_burn_starts_again_at_zero_each_month()
    {
        var burn = ErrorBudget.Burn([W(0, 60, ImpactLevel.MajorOutage)], Monthly, Now, T.AddDays(-1), T.AddDays(20));
        var december = new DateTime(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc);

        var atBoundary = burn.Where(p => p.At == december).Select(p => Math.Round(p.Share, 9)).ToList();
        Assert.Equal([Math.Round(60 / 43.2, 9), 0], atBoundary);
        Assert.Equal(0, burn.Last().Share);
    }
}
