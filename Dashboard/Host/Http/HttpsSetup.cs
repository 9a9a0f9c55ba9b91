namespace Dashboard.Host.Http;

/// <summary>Whether the app is served over HTTPS, so plain-HTTP requests should be redirected to it.</summary>
public static class HttpsSetup
{
    /// <summary>
    /// True when an https address is configured (--urls, ASPNETCORE_URLS, a Kestrel endpoint) or an
    /// HTTPS port is named. Redirecting without one would only log a warning on every request.
    /// </summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        configuration["urls"]?.Contains("https://", StringComparison.OrdinalIgnoreCase) == true
        || !string.IsNullOrEmpty(configuration["https_port"])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Any(e => e["Url"]?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true);
}
