namespace Dashboard.Tests.Domain;

public class PhaseTimesTests
{
    private static DateTime At(int h, int m, int day = 18) => new(2025, 11, day, h, m, 0, DateTimeKind.Utc);

    [Fact]
    public void Durations_are_measured_from_the_start_of_impact()
    {
        var cf = new PhaseTimes(At(11, 5), At(11, 20), At(11, 31), At(11, 35), At(14, 30), At(17, 6));

        Assert.Equal(TimeSpan.FromMinutes(11), cf.TimeToDetect);
        Assert.Equal(new TimeSpan(3, 10, 0), cf.TimeToMitigate);
        Assert.Equal(new TimeSpan(5, 46, 0), cf.TimeToResolve);
    }

    [Fact]
    public void A_missing_phase_gives_no_duration_rather_than_zero()
    {
        var crowdStrike = new PhaseTimes(At(4, 9), At(4, 9), null, null, At(5, 27), null);

        Assert.Null(crowdStrike.TimeToDetect);
        Assert.Null(crowdStrike.TimeToResolve);
        Assert.Equal(TimeSpan.FromMinutes(78), crowdStrike.TimeToMitigate);
    }

    [Fact]
    public void Without_a_start_the_trigger_is_the_reference()
    {
        var p = new PhaseTimes(At(10, 0), null, At(10, 30), null, null, null);

        Assert.Equal(TimeSpan.FromMinutes(30), p.TimeToDetect);
    }

    [Fact]
    public void Phases_out_of_order_name_both_phases()
    {
        var p = new PhaseTimes(At(11, 5), At(11, 20), At(11, 10), null, null, null);

        Assert.StartsWith("detected (2025-11-18 11:10) is before started (2025-11-18 11:20)", p.OrderError());
    }

    [Fact]
    public void Missing_phases_are_skipped_when_checking_order_and_equal_times_are_allowed()
    {
        var p = new PhaseTimes(At(4, 9), At(4, 9), null, null, At(5, 27), At(0, 0, day: 30));

        Assert.Null(p.OrderError());
    }

    [Theory]
    [InlineData(11, "11 m")]
    [InlineData(346, "5 h 46 m")]
    [InlineData(15_600, "10 d 20 h")]
    public void Durations_read_compactly(int minutes, string expected) =>
        Assert.Equal(expected, Durations.Format(TimeSpan.FromMinutes(minutes)));
}
