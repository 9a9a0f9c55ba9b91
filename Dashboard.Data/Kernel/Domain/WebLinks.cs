namespace Dashboard.Data.Kernel;

public static class WebLinks
{
    /// <summary>
    /// Only absolute http and https links are stored: anything else (javascript:, data:, file:)
    /// could run code or leak data when a reader clicks it.
    /// </summary>
    public static bool IsSafeHttpUrl(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);
}
