using System.Net;
using System.Net.Sockets;
using Dashboard.Data.Webhooks;

namespace Dashboard.Webhooks;

/// <summary>
/// The webhook client's connect step: it resolves the host itself and connects only to addresses
/// the guard allows, so a public name that resolves (or is re-pointed, DNS rebinding) to a private
/// or metadata address is refused at the moment of connecting, not only when it was registered.
/// </summary>
public static class SafeConnect
{
    public static SocketsHttpHandler Handler(bool allowPrivateNetworks) => new()
    {
        AllowAutoRedirect = false, // a redirect could lead anywhere; receivers answer, they do not forward
        UseProxy = false,          // a proxy would make the connection this check cannot see
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint, allowPrivateNetworks, ct),
    };

    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowPrivateNetworks, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(endPoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endPoint.Host, ct);
        var allowed = allowPrivateNetworks ? addresses : [.. addresses.Where(a => !AddressGuard.IsRefused(a))];
        if (allowed.Length == 0)
            throw new RefusedDestinationException($"{endPoint.Host} resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}: a loopback, private or link-local address, which webhooks may not reach.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

public sealed class RefusedDestinationException(string message) : IOException(message);
