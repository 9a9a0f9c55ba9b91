using System.Net;
using System.Net.Sockets;

namespace Dashboard.Data.Webhooks;

/// <summary>
/// Which addresses a webhook may not reach unless private networks are allowed: loopback, private
/// (RFC 1918), CGNAT, link-local (and so the cloud metadata services at 169.254.169.254 and
/// fd00:ec2::254), unspecified, multicast, and IPv6 unique-local and link-local. An IPv6 address that
/// carries an IPv4 one (IPv4-mapped or -translated, NAT64 64:ff9b::/96, 6to4 2002::/16, Teredo) is
/// judged by that IPv4 address; IPv4-compatible ::/96 and local-use NAT64 64:ff9b:1::/48 are refused.
/// The sender checks the address it is about to connect to, so a name that resolves to one of these
/// is refused too.
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
            // An IPv6 address that carries an IPv4 one reaches it through a translator or a tunnel: it
            // is refused exactly when the IPv4 address is, or a private one would come in this way.
            if (EmbeddedIPv4(b) is { } v4) return IsRefused(v4);
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xFE) == 0xFC                      // fc00::/7 unique local, which holds fd00:ec2::254
                || b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 // ::/96, IPv4-compatible (deprecated, never a public service), :: and ::1 too
                || b.AsSpan(0, 6).SequenceEqual(LocalNat64);   // 64:ff9b:1::/48, NAT64 for local use: where the IPv4 sits depends on the local set-up
        }
        return true;
    }

    private static readonly byte[] Nat64 = [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0];
    private static readonly byte[] LocalNat64 = [0x00, 0x64, 0xFF, 0x9B, 0x00, 0x01];
    private static readonly byte[] Translated = [0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0];

    /// <summary>The IPv4 address inside an IPv6 one that is only a way to reach it, or null.</summary>
    private static IPAddress? EmbeddedIPv4(byte[] b)
    {
        if (b.AsSpan(0, 12).SequenceEqual(Nat64) || b.AsSpan(0, 12).SequenceEqual(Translated)) // 64:ff9b::/96 NAT64 (RFC 6052), ::ffff:0:0:0/96 SIIT
            return new IPAddress(b.AsSpan(12, 4));
        if (b[0] == 0x20 && b[1] == 0x02) return new IPAddress(b.AsSpan(2, 4)); // 2002::/16 6to4: the tunnel's IPv4 end
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) // 2001::/32 Teredo: the client's IPv4, its bits inverted
            return new IPAddress([(byte)~b[12], (byte)~b[13], (byte)~b[14], (byte)~b[15]]);
        return null;
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
