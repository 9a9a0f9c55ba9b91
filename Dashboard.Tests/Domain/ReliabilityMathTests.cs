using Dashboard.Data.Review;

namespace Dashboard.Tests.Domain;

public class ReliabilityMathTests
{
    private static DateTime At(int h, int m = 0) => new(2025, 11, 18, h, m, 0, DateTimeKind.Utc);

    [Fact]
    public void Medians_and_percentiles_interpolate_between_ranks()
    {
        double[] values = [11, 23, 50, 346];

        Assert.Equal(36.5, ReliabilityMath.Median(values));
        Assert.Equal(257.2, ReliabilityMath.Percentile(values, 90)!.Value, precision: 6);
        Assert.Equal(11, ReliabilityMath.Percentile(values, 0));
        Assert.Equal(23, ReliabilityMath.Median([50, 11, 23]));
        Assert.Null(ReliabilityMath.Median([]));
    }

    [Fact]
    public void Overlapping_windows_of_one_service_count_once()
    {
        var minutes = ReliabilityMath.ImpactMinutes(
        [
            (1, At(11), At(13)),   // 120
            (1, At(12), At(14)),   // overlaps: +60
            (1, At(14), At(14, 30)), // touches: +30
            (2, At(11), At(12)),   // another service: +60
        ]);

        Assert.Equal(270, minutes);
    }

    [Fact]
    public void Months_are_utc_months()
    {
        // 23:30 UTC on 31 October is already November in Berlin, but it is an October incident.
        Assert.Equal(new DateOnly(2025, 10, 1), ReliabilityMath.MonthOf(new DateTime(2025, 10, 31, 23, 30, 0, DateTimeKind.Utc)));
        Assert.Equal([new DateOnly(2025, 10, 1), new DateOnly(2025, 11, 1), new DateOnly(2025, 12, 1)],
            ReliabilityMath.Months(new DateTime(2025, 10, 20, 0, 0, 0, DateTimeKind.Utc), new DateTime(2025, 12, 2, 0, 0, 0, DateTimeKind.Utc)));
    }
}
