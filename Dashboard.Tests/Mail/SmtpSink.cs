using System.Diagnostics;
using Dashboard.Tests.Infrastructure;
using MimeKit;

namespace Dashboard.Tests.Mail;

/// <summary>
/// A real SMTP server for the mail tests: Debian's python3-aiosmtpd running smtp_sink.py on a free
/// loopback port, storing each accepted message as a file. Stopped by its own process id; it can be
/// started again on the same port and folder (an SMTP outage that ends), or told to die when the
/// next transaction starts after a number of stored messages (an outage mid-batch).
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private static readonly string Script = Path.Combine(RepoPaths.Root, "Dashboard.Tests", "Mail", "smtp_sink.py");
    private Process? _process;

    private SmtpSink(string folder, int port) => (Folder, Port) = (folder, port);

    public string Folder { get; }
    public int Port { get; }

    public static async Task<SmtpSink> StartAsync(int? stopAfter = null)
    {
        var (folder, port) = LoopbackServer.Prepare("smtp");
        var sink = new SmtpSink(folder, port);
        await sink.StartProcessAsync(stopAfter);
        return sink;
    }

    /// <summary>Starts the server again on the same port and folder (after <see cref="StopAsync"/> or its planned exit).</summary>
    public Task RestartAsync(int? stopAfter = null) => StartProcessAsync(stopAfter);

    /// <summary>Kills the server by its process id.</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _process = null;
    }

    /// <summary>Waits for the server's planned exit (STOP_AFTER). The client sees the dropped connection
    /// before the runtime has reaped the process, so "has it exited" right after a batch is a race.</summary>
    public async Task WaitForExitAsync()
    {
        if (_process is null) return;
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Every stored message, in the order the server accepted them.</summary>
    public IReadOnlyList<MimeMessage> Messages() =>
        [.. Directory.GetFiles(Folder, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f))];

    /// <summary>Waits (30 s at most) until the server has stored <paramref name="count"/> messages: the relay sends on its own schedule.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Directory.GetFiles(Folder, "*.eml").Length < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Directory.GetFiles(Folder, "*.eml").Length} of {count} messages arrived in 30 s.");
            await Task.Delay(50);
        }
        return Messages();
    }

    private async Task StartProcessAsync(int? stopAfter)
    {
        await StopAsync();
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : LoopbackServer.FindExecutable("python3")
            ?? throw new InvalidOperationException("python3 not found: scripts/test.sh installs Debian's python3-aiosmtpd.");
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Script, Port.ToString(), Folder }.Concat(stopAfter is { } n ? [n.ToString()] : []))
            start.ArgumentList.Add(argument);
        _process = Process.Start(start)!;
        var ready = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (ready != "ready")
            throw new InvalidOperationException($"smtp_sink.py did not start (is python3-aiosmtpd installed?): {await _process.StandardError.ReadToEndAsync()}");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { /* left in the temp folder */ }
    }
}
