using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Alerts;

/// <summary>
/// Debian's prometheus-alertmanager on a free loopback port, with a webhook receiver pointing at the
/// app and short grouping waits; no clustering. Stopped by its own process id.
/// </summary>
public sealed class AlertmanagerProcess : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    private AlertmanagerProcess(LoopbackServer server) => _server = server;

    public string BaseUrl => _server.BaseUrl;

    public string LogPath => _server.LogPath;

    public static string? FindExecutable() => LoopbackServer.FindExecutable("prometheus-alertmanager", "alertmanager");

    public static async Task<AlertmanagerProcess> StartAsync(string webhookUrl, string bearerToken)
    {
        var executable = FindExecutable()
            ?? throw new InvalidOperationException("prometheus-alertmanager not found: install Debian's prometheus-alertmanager (scripts/test.sh does).");
        var (dir, port) = LoopbackServer.Prepare("alertmanager");
        await File.WriteAllTextAsync(Path.Combine(dir, "alertmanager.yml"), $$"""
            route:
              receiver: incidentboard
              group_by: ['alertname', 'service']
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: incidentboard
                webhook_configs:
                  - url: {{webhookUrl}}
                    send_resolved: true
                    http_config:
                      authorization:
                        type: Bearer
                        credentials: {{bearerToken}}
            """);
        return new AlertmanagerProcess(await LoopbackServer.StartAsync("alertmanager", executable, dir, port,
        [
            $"--config.file={Path.Combine(dir, "alertmanager.yml")}", $"--storage.path={Path.Combine(dir, "data")}",
            $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=", "--log.level=debug",
        ]));
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
