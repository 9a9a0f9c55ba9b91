namespace Dashboard.Data.Review;

/// <summary>
/// How sure the review may be of its durations. Incident durations are few and skewed, so the page
/// shows medians with a bootstrap interval instead of means, and it says whether two periods differ by
/// more than noise with a rank test, which needs no assumption about the shape of the durations.
/// </summary>
public static class DurationStatistics
{
    /// <summary>Resamples behind each interval: enough for a stable 2.5th and 97.5th percentile.</summary>
    public const int BootstrapResamples = 2000;

    /// <summary>Fixed, so the same incidents always give the same interval and the page does not flicker between loads.</summary>
    public const ulong BootstrapSeed = 30;

    /// <summary>Below this many durations an interval says nothing useful (two values bound their own median).</summary>
    public const int MinimumForInterval = 3;

    /// <summary>The level below which a difference is called distinguishable from noise.</summary>
    public const double Alpha = 0.05;

    /// <summary>Up to this many incidents in both periods together, without ties, the test counts every arrangement (exact p).</summary>
    public const int ExactLimit = 40;

    public const string TestName = "Mann-Whitney U test, two-sided, 5% level";

    public const string IntervalName = "percentile bootstrap, 2,000 resamples, fixed seed";

    /// <summary>
    /// The percentile-bootstrap 95% interval of the median: resample the durations with replacement,
    /// take each resample's median (<see cref="ReliabilityMath.Median"/>'s rule), and read the 2.5th and
    /// 97.5th percentiles of those medians. Null below <see cref="MinimumForInterval"/> durations.
    /// </summary>
    public static (double Low, double High)? MedianInterval(IEnumerable<double> values, int resamples = BootstrapResamples, ulong seed = BootstrapSeed)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        if (n < MinimumForInterval) return null;
        var random = new SplitMix64(seed);
        var counts = new int[n];
        var medians = new double[resamples];
        var (lowRank, highRank) = ((n - 1) / 2, n / 2);
        for (var r = 0; r < resamples; r++)
        {
            // A resample as counts per sorted position: its median is then read by walking the counts,
            // O(n) instead of sorting n values again for each of the resamples.
            Array.Clear(counts);
            for (var i = 0; i < n; i++) counts[random.Below(n)]++;
            double? low = null;
            var seen = 0;
            for (var k = 0; k < n; k++)
            {
                seen += counts[k];
                if (low is null && seen > lowRank) low = sorted[k];
                if (seen > highRank)
                {
                    medians[r] = (low!.Value + sorted[k]) / 2;
                    break;
                }
            }
        }
        return (ReliabilityMath.Percentile(medians, 2.5)!.Value, ReliabilityMath.Percentile(medians, 97.5)!.Value);
    }

    /// <summary>
    /// Compares two periods' durations with the Mann-Whitney U test (two-sided). Exact when both
    /// samples together hold at most <see cref="ExactLimit"/> values and no ties; otherwise the normal
    /// approximation with the tie correction and a continuity correction.
    /// </summary>
    public static DifferenceTest Compare(IReadOnlyCollection<double> current, IReadOnlyCollection<double> previous)
    {
        var (n1, n2) = (current.Count, previous.Count);
        if (n1 < 2 || n2 < 2) return new DifferenceTest(n1, n2, null, false, false);
        var all = current.Select(v => (Value: v, First: true)).Concat(previous.Select(v => (Value: v, First: false))).OrderBy(x => x.Value).ToList();
        var n = all.Count;
        // Mid-ranks: tied values share the mean of the ranks they cover.
        var ranks = new double[n];
        var tieTerm = 0.0;
        var ties = false;
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j + 1 < n && all[j + 1].Value == all[i].Value) j++;
            var t = j - i + 1;
            if (t > 1) { ties = true; tieTerm += (double)t * t * t - t; }
            for (var k = i; k <= j; k++) ranks[k] = (i + j) / 2.0 + 1;
            i = j + 1;
        }
        var rankSum = all.Select((x, i) => x.First ? ranks[i] : 0).Sum();
        var u = rankSum - n1 * (n1 + 1) / 2.0;
        var exact = !ties && n <= ExactLimit;
        var p = exact ? ExactP(n1, n2, (int)Math.Round(u)) : NormalP(n1, n2, u, tieTerm);
        return new DifferenceTest(n1, n2, Math.Min(1, p), exact, p < Alpha);
    }

    /// <summary>Two-sided exact p: the share of all ways to split the ranks 1..n into the two groups whose U is at least as extreme.</summary>
    private static double ExactP(int n1, int n2, int u)
    {
        // ways[k, s]: how many k-element subsets of the ranks seen so far have rank sum s; U = s − k(k+1)/2.
        var n = n1 + n2;
        var maxSum = n * (n + 1) / 2;
        var ways = new double[n1 + 1, maxSum + 1];
        ways[0, 0] = 1;
        for (var rank = 1; rank <= n; rank++)
            for (var k = Math.Min(rank, n1); k >= 1; k--)
                for (var s = maxSum; s >= rank; s--)
                    ways[k, s] += ways[k - 1, s - rank];
        var offset = n1 * (n1 + 1) / 2;
        double below = 0, above = 0, total = 0;
        for (var s = offset; s <= offset + n1 * n2; s++)
        {
            var w = ways[n1, s];
            total += w;
            if (s - offset <= u) below += w;
            if (s - offset >= u) above += w;
        }
        return 2 * Math.Min(below, above) / total;
    }

    private static double NormalP(int n1, int n2, double u, double tieTerm)
    {
        var n = (double)(n1 + n2);
        var mean = n1 * n2 / 2.0;
        var variance = n1 * n2 / 12.0 * (n + 1 - tieTerm / (n * (n - 1)));
        if (variance <= 0) return 1; // every value the same: nothing to tell apart
        var z = Math.Max(0, Math.Abs(u - mean) - 0.5) / Math.Sqrt(variance);
        return 2 * (1 - NormalCdf(z));
    }

    /// <summary>Φ(z) through erf (Abramowitz and Stegun 7.1.26, error below 1.5e-7): ample for a p-value shown to two places.</summary>
    public static double NormalCdf(double z)
    {
        var x = Math.Abs(z) / Math.Sqrt(2);
        var t = 1 / (1 + 0.3275911 * x);
        var erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }

    /// <summary>SplitMix64: a small generator whose sequence is fixed by its seed on every platform and .NET version.</summary>
    private struct SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public int Below(int n)
        {
            _state += 0x9E3779B97F4A7C15;
            var z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            z ^= z >> 31;
            return (int)(((z >> 32) * (ulong)n) >> 32);
        }
    }
}

/// <summary>
/// Whether two periods' durations differ by more than noise: the sample sizes, the two-sided p-value
/// (null when a period has fewer than two durations) and whether it was counted exactly.
/// </summary>
public sealed record DifferenceTest(int CurrentCount, int PreviousCount, double? PValue, bool Exact, bool Detectable)
{
    /// <summary>The verdict in words, with the sample sizes and the method, as the page prints it.</summary>
    public string Verdict => PValue is not { } p
        ? $"too few incidents to compare ({CurrentCount} and {PreviousCount}; at least 2 in each period)"
        : Detectable
            ? $"distinguishable from noise with {CurrentCount} and {PreviousCount} incidents ({DurationStatistics.TestName}, {(Exact ? "exact " : "")}p = {Format(p)})"
            : $"not detectable with {CurrentCount} and {PreviousCount} incidents ({DurationStatistics.TestName}, {(Exact ? "exact " : "")}p = {Format(p)})";

    private static string Format(double p) => p < 0.001 ? "< 0.001" : p.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
}
