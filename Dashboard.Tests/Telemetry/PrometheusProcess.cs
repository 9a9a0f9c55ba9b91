using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dashboard.Tests.Telemetry;

/// <summary>
/// Debian's prometheus on a free loopback port, scraping one target every second into a temporary
/// database. Stopped by its own process id.
/// </summary>
public sealed class PrometheusProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;

    private PrometheusProcess(Process process, string dir, int port) => (_process, _dir, BaseUrl) = (process, dir, $"http://127.0.0.1:{port}/");

    public string BaseUrl { get; }

    public string LogPath => Path.Combine(_dir, "prometheus.log");

    public static string? FindExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "prometheus")).FirstOrDefault(File.Exists);

    /// <summary>Starts scraping <paramref name="target"/> (host:port) at <paramref name="metricsPath"/>, and returns once Prometheus is ready.</summary>
    public static async Task<PrometheusProcess> StartAsync(string target, string metricsPath = "/metrics")
    {
        var executable = FindExecutable()
            ?? throw new InvalidOperationException("prometheus not found: install Debian's prometheus (scripts/test.sh does).");
        var dir = Directory.CreateTempSubdirectory("ib-prometheus-").FullName;
        var port = FreePort();
        var config = Path.Combine(dir, "prometheus.yml");
        await File.WriteAllTextAsync(config, $$"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: incidentboard
                metrics_path: {{metricsPath}}
                static_configs:
                  - targets: ['{{target}}']
            """);
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList =
            {
                $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(dir, "data")}",
                $"--web.listen-address=127.0.0.1:{port}", "--log.level=debug",
            },
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        var process = Process.Start(start)!;
        var log = new StreamWriter(Path.Combine(dir, "prometheus.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var prometheus = new PrometheusProcess(process, dir, port);
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"prometheus exited: {prometheus.ReadLog()}");
            try
            {
                if ((await http.GetAsync(prometheus.BaseUrl + "-/ready")).IsSuccessStatusCode) return prometheus;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("prometheus did not become ready in 30 s.");
            await Task.Delay(100);
        }
    }

    /// <summary>The log so far (it is still being written).</summary>
    public string ReadLog()
    {
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { /* a log still open: the temp dir is left */ }
    }
}
