using Dashboard.Ui.Kit;
using Dashboard.Incidents;

namespace Dashboard.Account;

/// <summary>The <c>Auth</c> settings.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>A signed-out browser may read non-private incidents and the review page (a meeting-room screen). Off by default.</summary>
    public bool AllowAnonymousRead { get; set; }

    /// <summary>
    /// How often an open circuit, and a request with the sign-in cookie, re-reads its user: a disabled
    /// account, a changed role or a reset password takes effect within this.
    /// </summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Email and password sign-in. Off: only single sign-on (Auth:Oidc) signs people in, and every password form refuses.</summary>
    public bool LocalAccounts { get; set; } = true;
}

/// <summary>The <c>Bootstrap</c> settings: the first owner, made at start when no user exists (ignored afterwards).</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    public string? OwnerEmail { get; set; }
    public string? OwnerPassword { get; set; }
    public string OwnerName { get; set; } = "Owner";
}
