namespace Dashboard.Data.Review;

/// <summary>The arithmetic behind the review page's numbers, kept apart so it can be checked by hand.</summary>
public static class ReliabilityMath
{
    /// <summary>
    /// The p-th percentile (0–100) with linear interpolation between closest ranks (the same rule
    /// as a spreadsheet's PERCENTILE.INC); null for no values.
    /// </summary>
    public static double? Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return null;
        var rank = p / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    public static double? Median(IEnumerable<double> values) => Percentile(values, 50);

    /// <summary>Merges overlapping or touching windows so that time is counted once.</summary>
    public static List<(DateTime Start, DateTime End)> Merge(IEnumerable<(DateTime Start, DateTime End)> windows)
    {
        var merged = new List<(DateTime Start, DateTime End)>();
        foreach (var w in windows.Where(w => w.End > w.Start).OrderBy(w => w.Start))
        {
            if (merged.Count > 0 && w.Start <= merged[^1].End)
                merged[^1] = (merged[^1].Start, w.End > merged[^1].End ? w.End : merged[^1].End);
            else
                merged.Add(w);
        }
        return merged;
    }

    /// <summary>
    /// Minutes of impact: windows are merged per service (two overlapping windows of one service
    /// count once), then summed across services.
    /// </summary>
    public static double ImpactMinutes(IEnumerable<(int ServiceId, DateTime Start, DateTime End)> windows) =>
        windows.GroupBy(w => w.ServiceId).Sum(g => Merge(g.Select(w => (w.Start, w.End))).Sum(m => (m.End - m.Start).TotalMinutes));

    /// <summary>The UTC month a moment belongs to, as its first day: months never shift with the viewer's zone.</summary>
    public static DateOnly MonthOf(DateTime utc) => new(utc.Year, utc.Month, 1);

    /// <summary>Every month from the one holding <paramref name="from"/> to the one holding <paramref name="to"/>.</summary>
    public static IEnumerable<DateOnly> Months(DateTime from, DateTime to)
    {
        for (var m = MonthOf(from); m <= MonthOf(to); m = m.AddMonths(1)) yield return m;
    }
}
