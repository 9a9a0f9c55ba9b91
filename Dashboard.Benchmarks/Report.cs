using System.Diagnostics;

namespace Dashboard.Benchmarks;

/// <summary>Times an operation several times after a warm-up and prints median, p95 and max against a target.</summary>
public sealed class Report(string title, TimeSpan target)
{
    private readonly List<(string Name, double Median, double P95, double Max)> _rows = [];

    public async Task MeasureAsync<T>(string name, int runs, Func<CancellationToken, Task<T>> operation)
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
        _rows.Add((name, times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1], times[^1]));
    }

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine($"{"scenario",-32} {"median",9} {"p95",9} {"max",9}  verdict");
        foreach (var (name, median, p95, max) in _rows)
            Console.WriteLine($"{name,-32} {median,7:F1}ms {p95,7:F1}ms {max,7:F1}ms  {(p95 < target.TotalMilliseconds ? "ok" : "OVER TARGET")}");
    }
}
