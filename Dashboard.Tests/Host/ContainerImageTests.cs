using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Host;

/// <summary>
/// The image the SDK builds (<c>scripts/container-image.sh</c>), inspected with skopeo and started for
/// real with Debian's podman: it runs as the non-root user, keeps its database on the /data volume and
/// answers <c>/healthz/ready</c>. mcr.microsoft.com cannot be reached from our machines, so the image
/// is built on the script's local Debian base (<c>--local-base</c>); what is checked here is ours: the
/// user, port, entry point, volume, configuration from the environment and the health endpoints.
/// </summary>
public sealed class ContainerImageTests
{
    [Fact]
    public async Task The_image_runs_as_a_non_root_user_keeps_its_database_on_the_volume_and_is_healthy()
    {
        var work = Directory.CreateTempSubdirectory("ib-image-");
        string? image = null;
        try
        {
            var archive = Path.Combine(work.FullName, "incidentboard.tar.gz");
            await RunAsync("bash", [Path.Combine(RepoPaths.Root, "scripts", "container-image.sh"), "--local-base", "--no-build", "--output", archive]);

            var config = JsonDocument.Parse(await RunAsync("skopeo", ["inspect", "--config", "oci-archive:" + archive])).RootElement.GetProperty("config");
            Assert.Equal("app", config.GetProperty("User").GetString());
            Assert.True(config.GetProperty("ExposedPorts").TryGetProperty("8080/tcp", out _));
            Assert.Equal(["dotnet", "/app/Dashboard.dll"], config.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()));
            Assert.Contains(config.GetProperty("Env").EnumerateArray(), e => e.GetString() == "ConnectionStrings__IncidentBoard=Data Source=/data/incidentboard.db");

            // "Loaded image: docker.io/library/incidentboard:latest"
            image = (await RunAsync("podman", ["load", "-q", "-i", archive])).Split(':', 2)[1].Trim();
            var volume = Directory.CreateDirectory(Path.Combine(work.FullName, "data")).FullName;
            await RunAsync("chown", ["1654:1654", volume]);
            var port = FreePort();
            var container = (await RunAsync("podman", [.. Runtime, "run", "-d", .. Limits, "-p", $"127.0.0.1:{port}:8080",
                "-v", volume + ":/data", image])).Trim();
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                Assert.Equal(HttpStatusCode.OK, await WaitForReadyAsync(http, container));
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz/live")).StatusCode);
                var database = Path.Combine(volume, "incidentboard.db");
                Assert.True(File.Exists(database), "the database is not on the /data volume");
                Assert.Equal("1654", (await RunAsync("stat", ["-c", "%u", database])).Trim());
                Assert.Equal("1654", (await RunAsync("podman", [.. Runtime, "exec", container, "id", "-u"])).Trim());
                // The health check the compose file and the docs give (the chiseled image has no curl).
                await RunAsync("podman", [.. Runtime, "exec", container, "/app/Dashboard", "healthcheck"]);
            }
            finally
            {
                await RunAsync("podman", [.. Runtime, "rm", "-f", container]);
            }
        }
        finally
        {
            if (image is not null) await RunAsync("podman", ["rmi", "-f", image]);
            work.Delete(recursive: true);
        }
    }

    // crun refuses hosts whose cgroups are mounted in hybrid mode, as on our machines; runc runs there.
    private static string[] Runtime => File.Exists("/usr/sbin/runc") ? ["--runtime", "/usr/sbin/runc"] : [];

    // podman's default limits (a million open files) exceed what our machines allow a process to set.
    private static readonly string[] Limits = ["--ulimit", "nofile=4096:4096", "--ulimit", "nproc=4096:4096"];

    private static async Task<HttpStatusCode> WaitForReadyAsync(HttpClient http, string container)
    {
        // The first start migrates and seeds the database before it reports ready.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                var response = await http.GetAsync("/healthz/ready");
                if (response.IsSuccessStatusCode || DateTime.UtcNow > deadline) return response.StatusCode;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            catch (HttpRequestException)
            {
                throw new InvalidOperationException("the container never answered: " + await RunAsync("podman", [.. Runtime, "logs", container]));
            }
            await Task.Delay(500);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The test host's MSBuild settings would point a nested `dotnet publish` at the test's own build.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}: {await error}\n{await output}");
        return await output;
    }
}
