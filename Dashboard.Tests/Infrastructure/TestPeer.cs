using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// The test server's connections have no remote address (Kestrel takes it from the socket). A test
/// that needs one, a client behind a proxy or two clients apart, names it in the <see cref="Header"/>
/// header; this sets it on the connection before the app's own pipeline runs, as the socket would.
/// Without the header the connection stays as the test server makes it.
/// </summary>
public sealed class TestPeer : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.Remove(Header, out var peer)) context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
            return nextMiddleware(context);
        });
        next(app);
    };

    /// <summary>Every request of this client comes from <paramref name="address"/>.</summary>
    public static HttpClient From(HttpClient client, string address)
    {
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }
}
