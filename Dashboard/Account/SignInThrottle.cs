using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using Dashboard.Host.Http;
using Dashboard.Incidents;

namespace Dashboard.Account;

/// <summary>The <c>Auth:SignInLimits</c> settings: how many failed password sign-ins are allowed per window.</summary>
public sealed class SignInLimitOptions
{
    public const string Section = "Auth:SignInLimits";

    /// <summary>Failures one client address may have across all accounts (stops spraying one password over many accounts).</summary>
    public int FailuresPerClient { get; set; } = 20;

    /// <summary>Failures one client address may have on one account (stops guessing one person's password).</summary>
    public int FailuresPerAccountAndClient { get; set; } = 5;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Counts failed password sign-ins per client address and per account-and-client, in this instance's
/// memory. The account limit is keyed by the client too: a per-account lock, as Identity's lockout is,
/// lets anyone keep the owner out from everywhere by typing wrong passwords for them; here a guesser
/// only shuts itself out. Unknown emails count like real ones, so the limit tells nothing about which
/// accounts exist. A success clears that account's count for the client, never the client's own count.
/// </summary>
public sealed class SignInThrottle(IOptions<SignInLimitOptions> options, TimeProvider clock)
{
    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<string, Window> _failures = new();

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start = start;
        public int Count;
    }

    /// <summary>True when this client may not try now (checked before the password, so a blocked guess learns nothing).</summary>
    public bool IsBlocked(IPAddress? client, string email)
    {
        var limits = options.Value;
        return CountOf(ClientKey(client)) >= limits.FailuresPerClient || CountOf(AccountKey(client, email)) >= limits.FailuresPerAccountAndClient;
    }

    public void RecordFailure(IPAddress? client, string email)
    {
        Add(ClientKey(client));
        Add(AccountKey(client, email));
    }

    public void RecordSuccess(IPAddress? client, string email) => _failures.TryRemove(AccountKey(client, email), out _);

    private static string ClientKey(IPAddress? client) => "client " + ClientAddress.Key(client);

    private static string AccountKey(IPAddress? client, string email) =>
        "account " + email.Trim().ToUpperInvariant() + " from " + ClientAddress.Key(client);

    private int CountOf(string key)
    {
        if (!_failures.TryGetValue(key, out var window)) return 0;
        lock (window) return Expired(window) ? 0 : window.Count;
    }

    private void Add(string key)
    {
        var window = _failures.GetOrAdd(key, _ => new Window(clock.GetUtcNow()));
        lock (window)
        {
            if (Expired(window)) (window.Start, window.Count) = (clock.GetUtcNow(), 0);
            window.Count++;
        }
        if (_failures.Count > PruneAbove) Prune();
    }

    private bool Expired(Window window) => clock.GetUtcNow() - window.Start >= options.Value.Window;

    /// <summary>Forgets windows that have ended, so addresses seen once do not stay in memory.</summary>
    private void Prune()
    {
        foreach (var (key, window) in _failures)
        {
            bool expired;
            lock (window) expired = Expired(window);
            if (expired) _failures.TryRemove(new KeyValuePair<string, Window>(key, window));
        }
    }
}
