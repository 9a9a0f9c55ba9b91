using System.Security.Claims;
using Dashboard.Data.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Account;

/// <summary>
/// Re-reads the signed-in user of an open circuit every <see cref="AuthOptions.RevalidationInterval"/>:
/// a disabled account, a changed role or a reset password (each renews the security stamp) ends the
/// circuit's sign-in, so the next render leads to the sign-in page.
/// </summary>
public sealed class RevalidatingIdentityStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes,
    IOptions<IdentityOptions> identity, IOptions<AuthOptions> auth) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => auth.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.GetUserAsync(state.User);
        if (user is null || user.IsDisabled) return false;
        return state.User.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) == user.SecurityStamp;
    }
}
