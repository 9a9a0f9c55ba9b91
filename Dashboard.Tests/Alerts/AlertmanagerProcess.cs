using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dashboard.Tests.Alerts;

/// <summary>
/// Debian's prometheus-alertmanager on a free loopback port, with a webhook receiver pointing at the
/// app and short grouping waits; no clustering. Stopped by its own process id.
/// </summary>
public sealed class AlertmanagerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;

    private AlertmanagerProcess(Process process, string dir, int port) => (_process, _dir, BaseUrl) = (process, dir, $"http://127.0.0.1:{port}/");

    public string BaseUrl { get; }

    public string LogPath => Path.Combine(_dir, "alertmanager.log");

    public static string? FindExecutable()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            foreach (var name in new[] { "prometheus-alertmanager", "alertmanager" })
                if (File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
        return null;
    }

    public static async Task<AlertmanagerProcess> StartAsync(string webhookUrl, string bearerToken)
    {
        var executable = FindExecutable()
            ?? throw new InvalidOperationException("prometheus-alertmanager not found: install Debian's prometheus-alertmanager (scripts/test.sh does).");
        var dir = Directory.CreateTempSubdirectory("ib-alertmanager-").FullName;
        var port = FreePort();
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
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList =
            {
                $"--config.file={Path.Combine(dir, "alertmanager.yml")}", $"--storage.path={Path.Combine(dir, "data")}",
                $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=", "--log.level=debug",
            },
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        var process = Process.Start(start)!;
        var log = new StreamWriter(Path.Combine(dir, "alertmanager.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var am = new AlertmanagerProcess(process, dir, port);
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"alertmanager exited: {await File.ReadAllTextAsync(am.LogPath)}");
            try
            {
                if ((await http.GetAsync(am.BaseUrl + "-/ready")).IsSuccessStatusCode) return am;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("alertmanager did not become ready in 30 s.");
            await Task.Delay(100);
        }
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
