using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dashboard.Api;

/// <summary>
/// Requests per API key per window (settings <c>RateLimits:Api</c>): a runaway script slows itself,
/// not everyone. Over the limit: 429 problem details with <c>Retry-After</c> in seconds.
/// </summary>
public sealed class ApiRateLimitOptions
{
    public const string Section = "RateLimits:Api";
    public const string Policy = "api";

    public int PermitLimit { get; set; } = 600;
    public int WindowSeconds { get; set; } = 60;

    public static void AddTo(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ApiRateLimitOptions>(configuration.GetSection(Section));
        services.AddRateLimiter(o => o.AddPolicy<string, PerKeyPolicy>(Policy));
    }

    private sealed class PerKeyPolicy(IOptions<ApiRateLimitOptions> options) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, _) =>
        {
            var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : options.Value.WindowSeconds;
            context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, seconds).ToString(CultureInfo.InvariantCulture);
            await ApiProblems.Write(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too Many Requests",
                $"This API key sent more than {options.Value.PermitLimit} requests in {options.Value.WindowSeconds} s; wait and retry.");
        };

        public RateLimitPartition<string> GetPartition(HttpContext http)
        {
            var key = ApiKeyAuthenticationHandler.KeyIdOf(http.User)?.ToString(CultureInfo.InvariantCulture) ?? "anonymous:" + http.Connection.RemoteIpAddress;
            var o = options.Value;
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = o.PermitLimit, Window = TimeSpan.FromSeconds(o.WindowSeconds), QueueLimit = 0,
            });
        }
    }
}
