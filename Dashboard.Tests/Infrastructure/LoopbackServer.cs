using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// A Debian server program (Alertmanager, Prometheus) run for a test: in a temporary folder, on a
/// free loopback port, its output kept in a log, ready once its <c>/-/ready</c> answers, and
/// stopped by its own process id.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly Process _process;

    private LoopbackServer(string name, Process process, string directory, int port) =>
        (Name, _process, Directory, BaseUrl) = (name, process, directory, $"http://127.0.0.1:{port}/");

    public string Name { get; }

    /// <summary>The temporary folder the server runs in; removed when it stops.</summary>
    public string Directory { get; }

    public string BaseUrl { get; }

    public string LogPath => Path.Combine(Directory, Name + ".log");

    /// <summary>The first of <paramref name="names"/> found on PATH.</summary>
    public static string? FindExecutable(params string[] names) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .SelectMany(dir => names.Select(name => Path.Combine(dir, name))).FirstOrDefault(File.Exists);

    /// <summary>A folder for the server's configuration and data, and a free loopback port for it.</summary>
    public static (string Directory, int Port) Prepare(string name)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return (System.IO.Directory.CreateTempSubdirectory($"ib-{name}-").FullName, ((IPEndPoint)listener.LocalEndpoint).Port);
    }

    /// <summary>Starts <paramref name="executable"/> and returns once it says it is ready (30 s at most).</summary>
    public static async Task<LoopbackServer> StartAsync(string name, string executable, string directory, int port, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        var server = new LoopbackServer(name, process, directory, port);
        var log = new StreamWriter(server.LogPath) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"{name} exited: {server.ReadLog()}");
            try
            {
                if ((await http.GetAsync(server.BaseUrl + "-/ready")).IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            if (DateTime.UtcNow > deadline)
            {
                await server.DisposeAsync();
                throw new TimeoutException($"{name} did not become ready in 30 s.");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The log so far (it is still being written).</summary>
    public string ReadLog()
    {
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { /* a log still open: the temp dir is left */ }
    }
}
