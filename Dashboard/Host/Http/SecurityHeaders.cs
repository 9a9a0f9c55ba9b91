using System.Security.Cryptography;

namespace Dashboard.Host.Http;

/// <summary>
/// Response headers that keep a browser from reinterpreting what the app sends: no MIME sniffing,
/// no referrer beyond the origin, and a Content-Security-Policy that allows scripts only from the
/// app itself plus the one inline script Blazor writes (the import map), which carries a per-request
/// nonce. Styles stay 'unsafe-inline' because MudBlazor and Plotly set style attributes at run time.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Origins a form may lead to besides the app itself: browsers apply form-action to the redirects
    /// that follow a form post, and the single sign-on button's post redirects to the provider.
    /// </summary>
    public sealed class Options
    {
        public List<string> FormActions { get; } = [];
    }

    private const string NonceKey = "csp-nonce";

    /// <summary>The nonce of this response, for the inline import map in App.razor.</summary>
    public static string Nonce(HttpContext http) =>
        http.Items[NonceKey] as string ?? throw new InvalidOperationException("UseSecurityHeaders must run before the page renders.");

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var formActions = app.ApplicationServices.GetService<Microsoft.Extensions.Options.IOptions<Options>>()?.Value.FormActions ?? [];
        return app.Use((http, next) =>
        {
            // Hex, not base64: a "+" or "/" would be HTML-encoded in the page's nonce attribute, which then no longer reads as the header's.
            var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            http.Items[NonceKey] = nonce;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.ContentSecurityPolicy = Policy(nonce, formActions);
            return next(http);
        });
    }

    public static string Policy(string nonce, IEnumerable<string>? formActions = null) => string.Join("; ",
        "default-src 'self'",
        $"script-src 'self' 'nonce-{nonce}'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        // 'self' covers the circuit's WebSocket to the same host (CSP Level 3).
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        string.Join(' ', ["form-action 'self'", .. formActions ?? []]),
        "frame-ancestors 'self'");
}
