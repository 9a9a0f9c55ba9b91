using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Telemetry;

/// <summary>
/// Debian's prometheus on a free loopback port, scraping one target every second into a temporary
/// database. Stopped by its own process id.
/// </summary>
public sealed class PrometheusProcess : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    private PrometheusProcess(LoopbackServer server) => _server = server;

    public string BaseUrl => _server.BaseUrl;

    public string ReadLog() => _server.ReadLog();

    public static string? FindExecutable() => LoopbackServer.FindExecutable("prometheus");

    /// <summary>Starts scraping <paramref name="target"/> (host:port) at <paramref name="metricsPath"/>, and returns once Prometheus is ready.</summary>
    public static async Task<PrometheusProcess> StartAsync(string target, string metricsPath = "/metrics")
    {
        var executable = FindExecutable()
            ?? throw new InvalidOperationException("prometheus not found: install Debian's prometheus (scripts/test.sh does).");
        var (dir, port) = LoopbackServer.Prepare("prometheus");
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
        return new PrometheusProcess(await LoopbackServer.StartAsync("prometheus", executable, dir, port,
        [
            $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(dir, "data")}",
            $"--web.listen-address=127.0.0.1:{port}", "--log.level=debug",
        ]));
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
