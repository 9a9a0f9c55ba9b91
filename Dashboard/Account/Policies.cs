using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Account;

/// <summary>Who may open which page. Writes are checked again, and finally, at the door.</summary>
public static class Policies
{
    /// <summary>Incidents and the review: signed in, or anyone when <see cref="AuthOptions.AllowAnonymousRead"/> is on.</summary>
    public const string Read = "read";
    /// <summary>The audit trail and the users page.</summary>
    public const string Admin = "admin";

    public static void Add(AuthorizationOptions options, bool anonymousRead)
    {
        options.AddPolicy(Read, p =>
        {
            if (anonymousRead) p.RequireAssertion(_ => true);
            else p.RequireAuthenticatedUser();
        });
        options.AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireClaim(AppClaims.RoleClaim, nameof(Role.Admin), nameof(Role.Owner)));
    }
}
