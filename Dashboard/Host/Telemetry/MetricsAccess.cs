using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Dashboard.Incidents;

namespace Dashboard.Host.Telemetry;

/// <summary>Who may read /metrics and the readiness detail (section "Metrics").</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>
    /// Networks whose addresses may scrape without a token, as CIDR ("10.0.0.0/8") or single
    /// addresses; a list, or one comma-separated string (handy in an environment variable).
    /// Empty means loopback only.
    /// </summary>
    public string[] AllowedNetworks { get; set; } = [];

    /// <summary>A token that opens /metrics from anywhere (<c>Authorization: Bearer …</c>); none when empty.</summary>
    public string? BearerToken { get; set; }
}

public enum MetricsVerdict { Allowed, WrongToken, NotAllowed }

/// <summary>
/// Decides whether a request may read the operator endpoints. The numbers are harmless one by one,
/// but together they tell an outsider how busy, how broken and how exposed the service is, so they
/// are answered to the operator's networks or to a holder of the token, and hidden from others.
/// </summary>
public sealed class MetricsAccess
{
    private static readonly IPNetwork[] Loopback = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    private readonly IPNetwork[] _networks;
    private readonly byte[]? _token;

    public MetricsAccess(IOptions<MetricsOptions> options)
    {
        _networks = ParseNetworks(options.Value.AllowedNetworks);
        _token = string.IsNullOrEmpty(options.Value.BearerToken) ? null : Encoding.UTF8.GetBytes(options.Value.BearerToken);
    }

    public MetricsVerdict Check(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (_token is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var presented = Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim());
            return CryptographicOperations.FixedTimeEquals(presented, _token) ? MetricsVerdict.Allowed : MetricsVerdict.WrongToken;
        }
        return FromAllowedNetwork(context.Connection.RemoteIpAddress) ? MetricsVerdict.Allowed : MetricsVerdict.NotAllowed;
    }

    public bool Allows(HttpContext context) => Check(context) == MetricsVerdict.Allowed;

    public bool FromAllowedNetwork(IPAddress? address)
    {
        // The test server has no peer; Kestrel on a dual-mode socket reports IPv4 peers as ::ffff:a.b.c.d.
        if (address is null) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        foreach (var network in _networks)
            if (network.Contains(address)) return true;
        return false;
    }

    /// <summary>The configured networks, or loopback when none; a malformed entry stops the start-up with its text.</summary>
    public static IPNetwork[] ParseNetworks(IEnumerable<string> entries)
    {
        var parsed = new List<IPNetwork>();
        foreach (var entry in entries.SelectMany(e => e.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (IPNetwork.TryParse(entry, out var network)) parsed.Add(network);
            else if (IPAddress.TryParse(entry, out var single)) parsed.Add(new IPNetwork(single, single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            else throw new OptionsValidationException(MetricsOptions.Section, typeof(MetricsOptions),
                [$"Metrics:AllowedNetworks: '{entry}' is neither a network (10.0.0.0/8) nor an address."]);
        }
        return parsed.Count == 0 ? Loopback : [.. parsed];
    }
}
