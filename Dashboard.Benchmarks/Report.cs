using System.Diagnostics;

namespace Dashboard.Benchmarks;

/// <summary>
/// Times an operation several times after a warm-up and prints median, p95 and max against a
/// target. With a yardstick (a trivial query timed in the same run), each row also shows its
/// median as a multiple of the yardstick's, which holds on a noisy machine where milliseconds do not.
/// </summary>
public sealed class Report(string title, TimeSpan target)
{
    private readonly List<(string Name, double Median, double P95, double Max)> _rows = [];
    private (string Name, double Median)? _yardstick;

    public async Task MeasureAsync<T>(string name, int runs, Func<CancellationToken, Task<T>> operation)
    {
        var times = await TimeAsync(runs, operation);
        _rows.Add((name, times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1], times[^1]));
    }

    /// <summary>Times the yardstick that the rows are compared with.</summary>
    public async Task MeasureYardstickAsync<T>(string name, int runs, Func<CancellationToken, Task<T>> operation)
    {
        var times = await TimeAsync(runs, operation);
        _yardstick = (name, times[times.Count / 2]);
    }

    private static async Task<List<double>> TimeAsync<T>(int runs, Func<CancellationToken, Task<T>> operation)
    {
        for (var i = 0; i < 3; i++) await operation(CancellationToken.None); // warm-up: JIT, plan cache, page cache
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            await operation(CancellationToken.None);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times;
    }

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine(title);
        if (_yardstick is { } y) Console.WriteLine($"yardstick: {y.Name}, median {y.Median:F2} ms");
        Console.WriteLine($"{"scenario",-32} {"median",9} {"p95",9} {"max",9}{(_yardstick is null ? "" : "  ×yardstick")}  verdict");
        foreach (var (name, median, p95, max) in _rows)
            Console.WriteLine($"{name,-32} {median,7:F1}ms {p95,7:F1}ms {max,7:F1}ms{(_yardstick is { } ys ? $"  {median / ys.Median,10:F1}" : "")}  {(p95 < target.TotalMilliseconds ? "ok" : "OVER TARGET")}");
    }
}
