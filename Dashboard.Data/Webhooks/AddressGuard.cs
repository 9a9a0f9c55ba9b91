using System.Net;
using System.Net.Sockets;

namespace Dashboard.Data.Webhooks;

/// <summary>
/// Which addresses a webhook may not reach unless private networks are allowed: loopback, private
/// (RFC 1918), CGNAT, link-local (and so the cloud metadata services at 169.254.169.254 and
/// fd00:ec2::254), unspecified, multicast, and IPv6 unique-local and link-local. The sender checks the
/// address it is about to connect to, so a name that resolves to one of these is refused too.
/// </summary>
public static class AddressGuard
{
    public static bool IsRefused(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast)) return true;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 or 10 or 127 => true,
                100 => b[1] >= 64 && b[1] <= 127,       // 100.64.0.0/10 carrier-grade NAT
                169 => b[1] == 254,                      // link-local, metadata services
                172 => b[1] >= 16 && b[1] <= 31,
                192 => (b[1] == 168) || (b[1] == 0 && b[2] == 0), // private; IETF protocol assignments
                198 => b[1] == 18 || b[1] == 19,         // benchmarking
                >= 224 => true,                          // multicast and reserved
                _ => false,
            };
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xFE) == 0xFC; // fc00::/7 unique local, which holds fd00:ec2::254
        }
        return true;
    }

    /// <summary>Why a URL may not be registered, or null. Resolves the host, so a name for a private address is refused up front too.</summary>
    public static async Task<string?> ProblemWithAsync(string url, bool allowPrivate, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            return "Enter an absolute http:// or https:// URL.";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "Leave user names and passwords out of the URL; the signature authenticates the sender.";
        if (allowPrivate) return null;
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.IdnHost, ct);
        }
        catch (SocketException)
        {
            return $"The host {uri.Host} could not be found.";
        }
        return addresses.FirstOrDefault(IsRefused) is { } refused
            ? $"{uri.Host} is a loopback, private or link-local address ({refused}); webhooks may only go to public addresses."
            : null;
    }
}
