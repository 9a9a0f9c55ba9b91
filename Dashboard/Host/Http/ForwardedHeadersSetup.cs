using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Dashboard.Incidents;

namespace Dashboard.Host.Http;

/// <summary>
/// The <c>ForwardedHeaders</c> settings: which proxies may tell the app the client's address and
/// scheme. Behind nginx the connection comes from the proxy and is plain HTTP; without trusting its
/// X-Forwarded-For and X-Forwarded-Proto every client would share the proxy's address (one rate-limit
/// bucket for everyone) and nothing would know the browser used HTTPS (no Secure cookie, no HSTS, an
/// http:// single sign-on return address). Trusting them from anyone would let any client choose its
/// own address and scheme, so only the listed proxies are believed.
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses ("10.0.0.5", "::1"). With neither list set, loopback is trusted (nginx on the same host).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR form ("10.0.0.0/8", "fd00::/8").</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxy hops are read from the right of X-Forwarded-For; each must be a trusted proxy.</summary>
    public int ForwardLimit { get; set; } = 1;

    /// <summary>Every entry that is not an address or a network: a typo stops the start instead of trusting nothing.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var proxy in KnownProxies)
            if (!IPAddress.TryParse(proxy, out _)) yield return $"{Section}:KnownProxies: '{proxy}' is not an IP address.";
        foreach (var network in KnownNetworks)
            if (!System.Net.IPNetwork.TryParse(network, out _)) yield return $"{Section}:KnownNetworks: '{network}' is not a network such as 10.0.0.0/8.";
        if (ForwardLimit < 1) yield return $"{Section}:ForwardLimit: at least 1.";
    }

    /// <summary>Applies these settings to the middleware's options, replacing its built-in loopback lists.</summary>
    public void ApplyTo(ForwardedHeadersOptions options)
    {
        // X-Forwarded-Host stays unread: nginx passes the Host header itself, and AllowedHosts checks it.
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.ForwardLimit = ForwardLimit;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        if (KnownProxies.Count == 0 && KnownNetworks.Count == 0)
        {
            options.KnownIPNetworks.Add(new System.Net.IPNetwork(IPAddress.Loopback, 8));
            options.KnownProxies.Add(IPAddress.IPv6Loopback);
            return;
        }
        foreach (var proxy in KnownProxies) options.KnownProxies.Add(IPAddress.Parse(proxy));
        foreach (var network in KnownNetworks) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
    }
}

public static class ForwardedHeadersSetup
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(TrustedProxyOptions.Section);
        // Checked now, so a typo stops the start rather than the first request.
        if ((section.Get<TrustedProxyOptions>() ?? new()).Problems().ToList() is { Count: > 0 } problems)
            throw new InvalidOperationException("The forwarded-headers settings are wrong: " + string.Join(" ", problems));
        services.Configure<TrustedProxyOptions>(section);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((o, proxies) => proxies.Value.ApplyTo(o));
        return services;
    }
}
