using Dashboard.Data.Review;

namespace Dashboard.Tests.Domain;

/// <summary>
/// The review's interval and "distinguishable from noise" rule, each checked against a reference
/// computed here by another route: the exact bootstrap distribution of a median, and the
/// Mann-Whitney p-value by counting every split of the ranks or by hand.
/// </summary>
public class DurationStatisticsTests
{
    [Fact]
    public void The_median_interval_matches_the_exact_bootstrap_distribution()
    {
        double[] minutes = [12, 25, 40, 61, 90, 150, 400];

        // Reference: for an odd n = 7 the resample's median is its 4th smallest value, which is at most
        // the k-th smallest datum exactly when at least 4 of the 7 draws are, each draw with chance k/7.
        // P(median* ≤ x_k) = P(Binomial(7, k/7) ≥ 4):
        double Cdf(int k) => Enumerable.Range(4, 4).Sum(j => Choose(7, j) * Math.Pow(k / 7.0, j) * Math.Pow(1 - k / 7.0, 7 - j));
        // k = 1: 0.0102, k = 2: 0.1083, …, k = 5: 0.8917, k = 6: 0.9898. The 2.5th percentile is x_2 = 25 and the
        // 97.5th is x_6 = 150, each with a margin of over 0.01 (more than three standard errors of 2,000 resamples).
        Assert.InRange(Cdf(1), 0, 0.015);
        Assert.InRange(Cdf(2), 0.035, 1);
        Assert.InRange(Cdf(5), 0, 0.965);
        Assert.InRange(Cdf(6), 0.985, 1);

        var interval = DurationStatistics.MedianInterval(minutes);

        Assert.Equal((25.0, 150.0), interval);
    }

    [Fact]
    public void The_interval_is_the_same_on_every_load_and_needs_three_values()
    {
        double[] minutes = [25, 346, 504, 872, 15_591, 490];

        var first = DurationStatistics.MedianInterval(minutes);
        var again = DurationStatistics.MedianInterval(minutes.Reverse());

        Assert.Equal(first, again);
        Assert.NotNull(first);
        Assert.InRange(first!.Value.Low, 25, ReliabilityMath.Median(minutes)!.Value);
        Assert.InRange(first.Value.High, ReliabilityMath.Median(minutes)!.Value, 15_591);
        Assert.Null(DurationStatistics.MedianInterval([11, 23]));
    }

    [Fact]
    public void Three_against_three_with_no_overlap_is_not_detectable()
    {
        // Reference by hand: U = 0 for the lower sample; of the C(6, 3) = 20 ways to split six ranks into
        // two threes, one gives U = 0 and one U = 9, so the two-sided p is 2/20 = 0.1.
        var test = DurationStatistics.Compare([1, 2, 3], [4, 5, 6]);

        Assert.True(test.Exact);
        Assert.Equal(0.1, test.PValue!.Value, precision: 12);
        Assert.False(test.Detectable);
        Assert.Equal("not detectable with 3 and 3 incidents (Mann-Whitney U test, two-sided, 5% level, exact p = 0.100)", test.Verdict);
    }

    [Fact]
    public void Seven_against_nine_is_checked_against_every_split_of_the_ranks()
    {
        double[] current = [25, 40, 95, 180, 346, 504, 872];
        double[] previous = [30, 61, 120, 150, 240, 490, 700, 1_200, 15_591];

        var test = DurationStatistics.Compare(current, previous);

        Assert.Equal(ReferenceExactP(current, previous), test.PValue!.Value, precision: 12);
        Assert.StartsWith("not detectable with 7 and 9 incidents (Mann-Whitney U test", test.Verdict);
    }

    [Fact]
    public void A_clear_shift_is_distinguishable_from_noise()
    {
        double[] current = [1, 2, 3, 4, 5, 6, 7, 8];
        double[] previous = [9, 10, 11, 12, 13, 14, 15, 16];

        var test = DurationStatistics.Compare(current, previous);

        // Only the two most extreme of the C(16, 8) = 12,870 splits are as extreme as this one.
        Assert.Equal(2.0 / 12_870, test.PValue!.Value, precision: 12);
        Assert.True(test.Detectable);
        Assert.StartsWith("distinguishable from noise with 8 and 8 incidents", test.Verdict);
    }

    [Fact]
    public void Ties_use_the_normal_approximation_with_the_tie_correction()
    {
        double[] current = [10, 20, 20, 30, 40];
        double[] previous = [20, 30, 50, 60, 70, 80];

        var test = DurationStatistics.Compare(current, previous);

        // By hand. Sorted: 10 20 20 20 30 30 40 50 60 70 80; mid-ranks 10→1, 20→3, 30→5.5, 40→7.
        // R = 1 + 3 + 3 + 5.5 + 7 = 19.5; U = 19.5 − 5·6/2 = 4.5; mean n1·n2/2 = 15.
        // Ties: a three (20) and a two (30): Σ(t³ − t) = 24 + 6 = 30.
        // Variance = 5·6/12 · (12 − 30/(11·10)) = 2.5 · 11.7273 = 29.3182; z = (|4.5 − 15| − 0.5)/√29.3182 = 1.84685.
        // p = 2·(1 − Φ(1.84685)) = 0.064769.
        Assert.False(test.Exact);
        Assert.Equal(0.064769, test.PValue!.Value, precision: 5);
        Assert.False(test.Detectable);
    }

    [Fact]
    public void Fewer_than_two_incidents_in_a_period_are_not_compared()
    {
        var test = DurationStatistics.Compare([25], [346, 504, 872]);

        Assert.Null(test.PValue);
        Assert.Equal("too few incidents to compare (1 and 3; at least 2 in each period)", test.Verdict);
    }

    /// <summary>Every split of the pooled values into groups of the two sizes; the share with a U at least as far from the middle, either side.</summary>
    private static double ReferenceExactP(double[] current, double[] previous)
    {
        var pooled = current.Concat(previous).Order().ToArray();
        double U(IEnumerable<int> chosen) => chosen.Sum(i => i + 1.0) - current.Length * (current.Length + 1) / 2.0;
        var observed = U(current.Select(v => Array.IndexOf(pooled, v)));
        int below = 0, above = 0, total = 0;
        for (var mask = 0; mask < 1 << pooled.Length; mask++)
        {
            if (System.Numerics.BitOperations.PopCount((uint)mask) != current.Length) continue;
            var u = U(Enumerable.Range(0, pooled.Length).Where(i => (mask & (1 << i)) != 0));
            total++;
            if (u <= observed) below++;
            if (u >= observed) above++;
        }
        return Math.Min(1, 2.0 * Math.Min(below, above) / total);
    }

    private static double Choose(int n, int k) => Enumerable.Range(1, k).Aggregate(1.0, (acc, i) => acc * (n - k + i) / i);
}
