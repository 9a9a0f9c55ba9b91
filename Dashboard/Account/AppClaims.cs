using Dashboard.Data.ApiKeys;
using System.Globalization;
using System.Security.Claims;
using Dashboard.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Dashboard.Api;

namespace Dashboard.Account;

/// <summary>The sign-in cookie carries the user's role and display name, so a page knows them without a query.</summary>
public sealed class AppClaims(UserManager<AppUser> users, IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    public const string RoleClaim = "incidentboard:role";
    public const string DisplayNameClaim = "incidentboard:name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(RoleClaim, user.Role.ToString()));
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        if (user.MustChangePassword) identity.AddClaim(new Claim(MustChangePasswordClaim, "true"));
        return identity;
    }

    public const string MustChangePasswordClaim = "incidentboard:must-change-password";

    /// <summary>
    /// The OIDC groups a person signed in with (the provider's groups claim, <see cref="OidcOptions.GroupsClaim"/>), kept in
    /// the app's cookie for this sign-in: restricted status pages may admit them. A password sign-in has none.
    /// </summary>
    public const string GroupClaim = "incidentboard:group";

    public static IReadOnlyList<string> GroupsOf(ClaimsPrincipal principal) => [.. principal.FindAll(GroupClaim).Select(c => c.Value)];

    /// <summary>An API key's principal (made by the API's key handler) carries these beside its owner's claims.</summary>
    public const string KeyIdClaim = "incidentboard:api-key-id";
    public const string KeyNameClaim = "incidentboard:api-key-name";

    /// <summary>The calling key's id, for rate limits and idempotency records; null for people.</summary>
    public static int? KeyIdOf(ClaimsPrincipal principal) =>
        principal.FindFirstValue(KeyIdClaim) is { } id ? int.Parse(id, CultureInfo.InvariantCulture) : null;

    /// <summary>The door's actor for a signed-in principal or an API key; a signed-out reader (wall displays) is an anonymous viewer.</summary>
    public static Actor ActorOf(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true) return Actor.Person("anonymous", Role.Viewer);
        var role = Enum.TryParse<Role>(principal.FindFirstValue(RoleClaim), out var r) ? r : Role.Viewer;
        var email = principal.FindFirstValue(ClaimTypes.Email) ?? principal.FindFirstValue(ClaimTypes.Name) ?? "unknown";
        if (principal.FindFirstValue(KeyIdClaim) is { } keyId)
            return new ApiKeyIdentity(int.Parse(keyId, CultureInfo.InvariantCulture), principal.FindFirstValue(KeyNameClaim) ?? "",
                "", principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", email, role).Actor;
        return Actor.Person(email, role) with
        {
            UserId = principal.FindFirstValue(ClaimTypes.NameIdentifier),
            DisplayName = principal.FindFirstValue(DisplayNameClaim) ?? email,
        };
    }
}
