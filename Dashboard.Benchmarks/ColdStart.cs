using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dashboard.Benchmarks;

/// <summary>
/// Starts the published app as its own process on an existing database and times the first
/// successful GET /incidents (a full server render, data query included).
/// </summary>
public static class ColdStart
{
    public static async Task MeasureAsync(string appDll, string databasePath, int runs)
    {
        Console.WriteLine();
        Console.WriteLine("cold start on the existing database, process start → first 200 from /incidents (target < 3 s)");
        // The first start imports the seed files into the database; the measured ones find them imported.
        await StartOnceAsync(appDll, databasePath, print: false);
        for (var i = 0; i < runs; i++)
            await StartOnceAsync(appDll, databasePath, print: true);
    }

    private static async Task StartOnceAsync(string appDll, string databasePath, bool print)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet", [appDll])
        {
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__IncidentBoard"] = $"Data Source={databasePath}",
            },
        };
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        try
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                try
                {
                    var response = await http.GetAsync($"http://127.0.0.1:{port}/incidents");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        if (print) Console.WriteLine($"  first response after {clock.Elapsed.TotalMilliseconds:F0} ms {(clock.Elapsed < TimeSpan.FromSeconds(3) ? "ok" : "OVER TARGET")}");
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }
                await Task.Delay(20);
            }
            Console.WriteLine("  no response within 60 s");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
