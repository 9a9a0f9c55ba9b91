using System.Net;
using System.Security.Claims;
using Dashboard.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Dashboard.Host.Telemetry;

namespace Dashboard.Account;

/// <summary>
/// The sign-in form's check. Every refusal looks the same to the person signing in (a wrong password,
/// an unknown email, a disabled or locked account), and takes the same work: one password hash check
/// even for an unknown email, so neither the message nor the time tells whether an account exists.
/// Failures are counted by <see cref="SignInThrottle"/>; Identity's own lockout is not used.
/// </summary>
public sealed class PasswordSignIn(SignInManager<AppUser> signIn, SignInThrottle throttle, Host.Telemetry.AppMetrics? metrics = null)
{
    public enum Outcome { SignedIn, Refused, TooManyFailures }

    // A hash of no one's password, checked when the email has no account or no password.
    private static readonly string DecoyHash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString());

    public async Task<Outcome> SignInAsync(string email, string password, bool remember, IPAddress? client)
    {
        email = email.Trim();
        if (throttle.IsBlocked(client, email))
        {
            metrics?.SignInFailed("throttled");
            return Outcome.TooManyFailures;
        }
        var users = signIn.UserManager;
        var user = await users.FindByNameAsync(email); // the email is the user name
        var passwordRight = false;
        if (user?.PasswordHash is not null) passwordRight = await users.CheckPasswordAsync(user, password);
        else _ = users.PasswordHasher.VerifyHashedPassword(new AppUser(), DecoyHash, password); // the same work, and always a refusal
        if (user is null || !passwordRight || !await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
        {
            throttle.RecordFailure(client, email);
            // The operator may tell guessing from disabled accounts; the person signing in may not.
            metrics?.SignInFailed(user is null || !passwordRight ? "invalid_credentials" : "not_allowed");
            return Outcome.Refused;
        }
        throttle.RecordSuccess(client, email);
        // As Identity's PasswordSignInAsync would: the cookie says a password was used.
        await signIn.SignInWithClaimsAsync(user, remember, [new Claim("amr", "pwd")]);
        return Outcome.SignedIn;
    }
}
