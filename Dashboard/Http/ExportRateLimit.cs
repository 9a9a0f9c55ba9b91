using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dashboard.Http;

/// <summary>
/// The export endpoints build whole documents (a postmortem with its tables, the review pack, every
/// filtered action) for anonymous callers: each client address gets a fixed number per window. Behind
/// a proxy that address comes from X-Forwarded-For (see <see cref="TrustedProxyOptions"/>); otherwise
/// every client would share the proxy's one allowance.
/// </summary>
public sealed class ExportRateLimitOptions
{
    public const string Section = "RateLimits:Exports";
    public const string Policy = "exports";

    public int PermitLimit { get; set; } = 30;
    public int WindowSeconds { get; set; } = 60;

    public static void AddTo(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ExportRateLimitOptions>(configuration.GetSection(Section));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Policy, http =>
            {
                var options = http.RequestServices.GetRequiredService<IOptions<ExportRateLimitOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Key(http.Connection.RemoteIpAddress),
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.PermitLimit,
                        Window = TimeSpan.FromSeconds(options.WindowSeconds),
                        QueueLimit = 0,
                    });
            });
        });
    }
}
