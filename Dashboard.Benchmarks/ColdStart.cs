
namespace Dashboard.Benchmarks;

/// <summary>Times process start → first successful GET /incidents (a full server render, data query included).</summary>
public static class ColdStart
{
    public static async Task MeasureAsync(string appDll, string databasePath, int runs)
    {
        Console.WriteLine();
        Console.WriteLine("cold start on the existing database, process start → first 200 from /incidents (target < 3 s)");
        // The first start imports the seed files into the database; the measured ones find them imported.
        await using (await AppProcess.StartAsync(appDll, databasePath)) { }
        for (var i = 0; i < runs; i++)
        {
            await using var app = await AppProcess.StartAsync(appDll, databasePath);
            Console.WriteLine($"  first response after {app.StartedIn.TotalMilliseconds:F0} ms {(app.StartedIn < TimeSpan.FromSeconds(3) ? "ok" : "OVER TARGET")}");
        }
    }
}
