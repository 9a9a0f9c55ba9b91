namespace Dashboard.Host.CommandLine;

/// <summary>
/// `healthcheck [URL]`: reads the app's readiness (by default http://127.0.0.1:8080/healthz/ready, the
/// container's port) and exits 0 when it answers 200, 1 otherwise. The container image has no shell and
/// no curl, so its health check runs the app's own binary. It reads no configuration and opens no
/// database: it asks the running app, as a load balancer would.
/// </summary>
public static class HealthCheckCommand
{
    public const string DefaultUrl = "http://127.0.0.1:8080/healthz/ready";

    public static bool IsCommand(string[] args) => args is ["healthcheck", ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var url = args is [_, var given, ..] ? given : DefaultUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            output.WriteLine("Usage: Dashboard healthcheck [http://host:port/healthz/ready]");
            return 2;
        }
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(uri);
            output.WriteLine($"{uri}: {(int)response.StatusCode} {response.ReasonPhrase}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            output.WriteLine($"{uri}: {ex.Message}");
            return 1;
        }
    }
}
