using System.Security.Cryptography;

namespace Dashboard.Http;

/// <summary>
/// Response headers that keep a browser from reinterpreting what the app sends: no MIME sniffing,
/// no referrer beyond the origin, and a Content-Security-Policy that allows scripts only from the
/// app itself plus the one inline script Blazor writes (the import map), which carries a per-request
/// nonce. Styles stay 'unsafe-inline' because MudBlazor and Plotly set style attributes at run time.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "csp-nonce";

    /// <summary>The nonce of this response, for the inline import map in App.razor.</summary>
    public static string Nonce(HttpContext http) =>
        http.Items[NonceKey] as string ?? throw new InvalidOperationException("UseSecurityHeaders must run before the page renders.");

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        http.Items[NonceKey] = nonce;
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers.ContentSecurityPolicy = Policy(nonce);
        return next(http);
    });

    public static string Policy(string nonce) => string.Join("; ",
        "default-src 'self'",
        $"script-src 'self' 'nonce-{nonce}'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        // 'self' covers the circuit's WebSocket to the same host (CSP Level 3).
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'");
}
