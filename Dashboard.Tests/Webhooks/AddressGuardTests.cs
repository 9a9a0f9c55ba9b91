using System.Net;
using Dashboard.Data.Webhooks;

namespace Dashboard.Tests.Webhooks;

/// <summary>IPv6 addresses that only carry an IPv4 one: refused exactly when that IPv4 address would be.</summary>
public class AddressGuardTests
{
    [Theory]
    // NAT64, well-known prefix 64:ff9b::/96 (RFC 6052): private, loopback, metadata.
    [InlineData("64:ff9b::10.0.0.1"), InlineData("64:ff9b::127.0.0.1"), InlineData("64:ff9b::a9fe:a9fe"), InlineData("64:ff9b::192.168.1.1")]
    // NAT64 for local use, 64:ff9b:1::/48 (RFC 8215), whatever the IPv4 and wherever the local prefix puts it.
    [InlineData("64:ff9b:1::10.0.0.1"), InlineData("64:ff9b:1:a00:0:100::"), InlineData("64:ff9b:1::8.8.8.8")]
    // 6to4, 2002::/16: the IPv4 tunnel end in the next 32 bits.
    [InlineData("2002:a00:1::1"), InlineData("2002:7f00:1::"), InlineData("2002:a9fe:a9fe::1"), InlineData("2002:c0a8:101:1::1")]
    // Teredo, 2001::/32: the client's IPv4 in the last 32 bits, inverted (here 10.0.0.1 and 127.0.0.1).
    [InlineData("2001:0:4136:e378:8000:63bf:f5ff:fffe"), InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe")]
    // IPv4-compatible ::/96 (deprecated), IPv4-mapped and IPv4-translated.
    [InlineData("::10.0.0.1"), InlineData("::127.0.0.1"), InlineData("::8.8.8.8"), InlineData("::ffff:169.254.169.254"), InlineData("::ffff:192.168.0.1"), InlineData("::ffff:0:10.0.0.1")]
    public void An_IPv6_address_carrying_a_private_IPv4_one_is_refused_like_it(string address) =>
        Assert.True(AddressGuard.IsRefused(IPAddress.Parse(address)));

    [Theory]
    [InlineData("64:ff9b::8.8.8.8"), InlineData("2002:808:808::1"), InlineData("::ffff:8.8.8.8"), InlineData("::ffff:0:8.8.8.8")]
    [InlineData("2001:0:4136:e378:8000:63bf:f7f7:f7f7")] // Teredo to the public 8.8.8.8
    public void An_IPv6_address_carrying_a_public_IPv4_one_goes_through(string address) =>
        Assert.False(AddressGuard.IsRefused(IPAddress.Parse(address)));

    [Fact]
    public async Task A_webhook_URL_with_a_NAT64_or_6to4_literal_for_a_private_address_is_refused_at_registration()
    {
        Assert.Contains("private", await AddressGuard.ProblemWithAsync("https://[64:ff9b::a9fe:a9fe]/latest/meta-data", allowPrivate: false, CancellationToken.None));
        Assert.Contains("private", await AddressGuard.ProblemWithAsync("https://[2002:a00:1::1]/hook", allowPrivate: false, CancellationToken.None));
    }
}
