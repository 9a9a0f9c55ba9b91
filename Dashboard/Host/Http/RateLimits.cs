using System.Globalization;
using System.Threading.RateLimiting;
using Dashboard.Api;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Dashboard.Account;
using Dashboard.Incidents;

namespace Dashboard.Host.Http;

/// <summary>One policy's allowance: so many requests per client per fixed window.</summary>
public sealed class RateLimitSettings
{
    public int PermitLimit { get; set; }
    public int WindowSeconds { get; set; }
}

/// <summary>
/// The app's request limits, one mechanism with a policy per audience. Each policy counts per client
/// in fixed windows and refuses the excess with a 429 problem (see <see cref="ApiProblems.TooManyRequests"/>)
/// that says when to come back.
/// <list type="bullet">
/// <item><see cref="Api"/> (settings <c>RateLimits:Api</c>): per API key, so a runaway script slows
/// itself, not everyone.</item>
/// <item><see cref="Exports"/> (settings <c>RateLimits:Exports</c>): the export endpoints build whole
/// documents (a postmortem with its tables, the review pack, every filtered action), also for
/// anonymous callers, so per client address. Behind a proxy that address comes from X-Forwarded-For
/// (see <see cref="TrustedProxyOptions"/>); otherwise every client would share the proxy's one allowance.</item>
/// </list>
/// </summary>
public static class RateLimits
{
    public const string Api = "api";
    public const string Exports = "exports";

    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        Add(services, configuration, Api, permits: 600, windowSeconds: 60);
        Add(services, configuration, Exports, permits: 30, windowSeconds: 60);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Api, new FixedWindowPolicy(Api, http =>
                    AppClaims.KeyIdOf(http.User)?.ToString(CultureInfo.InvariantCulture) ?? "anonymous:" + ClientAddress.Key(http.Connection.RemoteIpAddress),
                s => $"This API key sent more than {s.PermitLimit} requests in {s.WindowSeconds} s; wait and retry."));
            o.AddPolicy(Exports, new FixedWindowPolicy(Exports, http => ClientAddress.Key(http.Connection.RemoteIpAddress),
                s => $"More than {s.PermitLimit} exports in {s.WindowSeconds} s from this address; wait and retry."));
        });
        return services;
    }

    private static void Add(IServiceCollection services, IConfiguration configuration, string policy, int permits, int windowSeconds) =>
        services.AddOptions<RateLimitSettings>(policy)
            .Configure(s => (s.PermitLimit, s.WindowSeconds) = (permits, windowSeconds))
            .Bind(configuration.GetSection($"RateLimits:{Section(policy)}"));

    /// <summary>The settings section of a policy: <c>api</c> → <c>Api</c>.</summary>
    private static string Section(string policy) => char.ToUpperInvariant(policy[0]) + policy[1..];

    private sealed class FixedWindowPolicy(string name, Func<HttpContext, string> client, Func<RateLimitSettings, string> refusal) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, _) =>
        {
            var settings = SettingsOf(context.HttpContext);
            var after = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(settings.WindowSeconds);
            await ApiProblems.TooManyRequests(after, refusal(settings)).ExecuteAsync(context.HttpContext);
        };

        public RateLimitPartition<string> GetPartition(HttpContext http)
        {
            var settings = SettingsOf(http);
            return RateLimitPartition.GetFixedWindowLimiter(client(http), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = settings.PermitLimit, Window = TimeSpan.FromSeconds(settings.WindowSeconds), QueueLimit = 0,
            });
        }

        private RateLimitSettings SettingsOf(HttpContext http) => http.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitSettings>>().Get(name);
    }
}
