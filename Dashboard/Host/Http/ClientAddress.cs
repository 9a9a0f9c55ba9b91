using System.Net;

namespace Dashboard.Host.Http;

/// <summary>The client a per-client limit counts: its address, as the trusted proxy reported it (see <see cref="TrustedProxyOptions"/>).</summary>
public static class ClientAddress
{
    /// <summary>
    /// An IPv4 address as it is; an IPv6 address by its /64, the block one subscriber usually gets, so
    /// walking through the addresses of one's own network does not buy a fresh allowance each time.
    /// </summary>
    public static string Key(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
