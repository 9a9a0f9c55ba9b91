using System.Net;
using Dashboard.Account;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Dashboard.Host.Http;

namespace Dashboard.Tests.Host;

public sealed class SignInThrottleTests
{
    private static readonly IPAddress Here = IPAddress.Parse("198.51.100.1"), There = IPAddress.Parse("198.51.100.2");
    private readonly MovableClock _clock = new(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));
    private readonly SignInThrottle _throttle;

    public SignInThrottleTests() => _throttle = new SignInThrottle(Options.Create(new SignInLimitOptions
    {
        FailuresPerClient = 4, FailuresPerAccountAndClient = 2, Window = TimeSpan.FromMinutes(15),
    }), _clock);

    [Fact]
    public void An_account_is_stopped_for_the_guessing_address_only_until_the_window_ends()
    {
        _throttle.RecordFailure(Here, "owner@example.com");
        _throttle.RecordFailure(Here, " OWNER@example.com");

        Assert.True(_throttle.IsBlocked(Here, "owner@example.com"));
        Assert.False(_throttle.IsBlocked(There, "owner@example.com"));
        Assert.False(_throttle.IsBlocked(Here, "someone.else@example.com"));
        _clock.Advance(TimeSpan.FromMinutes(15));
        Assert.False(_throttle.IsBlocked(Here, "owner@example.com"));
    }

    [Fact]
    public void A_success_clears_the_account_count_but_not_the_address_count()
    {
        _throttle.RecordFailure(Here, "a@example.com");
        _throttle.RecordFailure(Here, "b@example.com");
        _throttle.RecordFailure(Here, "c@example.com");
        _throttle.RecordSuccess(Here, "c@example.com");
        Assert.False(_throttle.IsBlocked(Here, "c@example.com"));

        _throttle.RecordFailure(Here, "d@example.com");

        Assert.True(_throttle.IsBlocked(Here, "c@example.com")); // four failures from this address, whatever the accounts
    }

    [Fact]
    public void The_addresses_of_one_IPv6_network_count_as_one_client()
    {
        Assert.Equal(ClientAddress.Key(IPAddress.Parse("2001:db8:1:2::1")), ClientAddress.Key(IPAddress.Parse("2001:db8:1:2:ffff::9")));
        Assert.NotEqual(ClientAddress.Key(IPAddress.Parse("2001:db8:1:2::1")), ClientAddress.Key(IPAddress.Parse("2001:db8:1:3::1")));
        Assert.Equal("198.51.100.1", ClientAddress.Key(IPAddress.Parse("::ffff:198.51.100.1")));
    }
}
