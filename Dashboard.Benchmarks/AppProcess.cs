using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dashboard.Benchmarks;

/// <summary>The built app started as its own process on a free loopback port, against a given database.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;

    public string BaseUrl { get; }
    /// <summary>From process start to the first 200 from /incidents.</summary>
    public TimeSpan StartedIn { get; private set; }

    private AppProcess(Process process, string baseUrl) => (_process, BaseUrl) = (process, baseUrl);

    public static async Task<AppProcess> StartAsync(string appDll, string databasePath, bool seed = true, IReadOnlyDictionary<string, string>? environment = null)
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
                // Off for a data set that must stay exactly as built (the 2,000-service catalog).
                ["Seed__Enabled"] = seed ? "true" : "false",
            },
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        var clock = Stopwatch.StartNew();
        var app = new AppProcess(Process.Start(info)!, $"http://127.0.0.1:{port}/");
        _ = app._process.StandardOutput.ReadToEndAsync();
        _ = app._process.StandardError.ReadToEndAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                if ((await http.GetAsync(app.BaseUrl + "incidents")).StatusCode == HttpStatusCode.OK)
                {
                    app.StartedIn = clock.Elapsed;
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(20);
        }
        await app.DisposeAsync();
        throw new TimeoutException("the app did not answer within 60 s");
    }

    /// <summary>The app's resident memory now (what the machine gives it), in bytes.</summary>
    public long ResidentBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    public int ProcessId => _process.Id;

    /// <summary>The processor time the app has used so far, on all cores.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
