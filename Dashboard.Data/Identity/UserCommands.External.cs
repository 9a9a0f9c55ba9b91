using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Identity;

/// <summary>Who an OpenID Connect provider says signed in: its subject, and the claims the app uses.</summary>
/// <param name="Provider">The login provider's name in AspNetUserLogins (the authentication scheme).</param>
/// <param name="ProviderName">How the provider is shown (the sign-in button's name); kept on a provisioned account.</param>
/// <param name="MappedRole">The role the provider's role claim maps to; null when no mapping applies.</param>
public sealed record ExternalIdentity(string Provider, string ProviderName, string Subject, string? Email, bool EmailVerified, string? Name, Role? MappedRole);

public sealed partial class UserCommands
{
    /// <summary>
    /// An OpenID Connect sign-in, through the door as <c>system</c> (the person has no role to act
    /// with until this has run), in one transaction with its audit entries:
    /// <list type="bullet">
    /// <item>a provider subject already linked (AspNetUserLogins) finds its account;</item>
    /// <item>otherwise an account with the same email is linked, but only when the provider says the
    ///   email is verified: an unverified address could be anyone's, and linking would hand them the account;</item>
    /// <item>otherwise a new account is provisioned, with the mapped role or <paramref name="defaultRole"/>;
    ///   on a database with no users it becomes the owner, as the first-run page would make it.</item>
    /// </list>
    /// A disabled account is refused (field "Disabled"). On a later sign-in a mapped role replaces the
    /// account's role (audited), except that the last owner is never demoted by a claim.
    /// The result's <see cref="CommandResult.Key"/> is the account's email.
    /// </summary>
    public Task<CommandResult> SignInExternalAsync(ExternalIdentity who, Role defaultRole, CancellationToken ct = default) =>
        door.RunAsync(Actor.System.Via(ChangeSource.Ui), Permission.Read, Subject, async w =>
        {
            if (string.IsNullOrWhiteSpace(who.Subject)) return w.Invalid("Subject", "The provider sent no subject (sub) for this person.");
            var logins = new UserStore<AppUser>(w.Db) { AutoSaveChanges = false };
            var user = await logins.FindByLoginAsync(who.Provider, who.Subject, ct);
            if (user is null) return await LinkOrProvisionAsync(w, logins, who, defaultRole, ct);
            if (user.IsDisabled) return w.Invalid("Disabled", "This account is disabled. Ask an admin to enable it.");
            if (who.MappedRole is { } mapped && mapped != user.Role)
            {
                if (user.Role == Role.Owner && await LastOwnerAsync(w, user, ct)) return w.Done(user); // never lock the organisation out
                user.Role = mapped;
                Renew(user);
                w.Audit(AuditActions.UserRoleChanged, user);
            }
            return w.Done(user);
        }, ct);

    private async Task<CommandResult> LinkOrProvisionAsync(Write w, UserStore<AppUser> logins, ExternalIdentity who, Role defaultRole, CancellationToken ct)
    {
        var email = who.Email?.Trim() ?? "";
        if (!System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || email.Length > 256)
            return w.Invalid("Email", "The provider sent no usable email address for this person (ask for the email scope).");
        var m = managers.For(w.Db);
        var login = new UserLoginInfo(who.Provider, who.Subject, who.ProviderName);
        if (await m.FindByEmailAsync(email) is { } existing)
        {
            // Identity finds accounts by a normalised, upper-cased email, under which other letters read as
            // ASCII ones: "ſam@" (long s) finds "sam@". Only the same address, differing at most in ASCII case, is linked.
            if (!SameAddress(existing.Email, email))
                return w.Invalid("Email", $"{email} is not the address of the account it resembles, so it is not linked. Ask an admin.");
            if (!who.EmailVerified)
                return w.Invalid("Email", $"An account with {email} exists, and the provider does not say the address is verified, so it is not linked. Ask an admin.");
            if (existing.IsDisabled) return w.Invalid("Disabled", "This account is disabled. Ask an admin to enable it.");
            await logins.AddLoginAsync(existing, login, ct);
            w.Audit(AuditActions.UserLoginLinked, existing, new FieldChange("Login", null, who.ProviderName));
            if (who.MappedRole is { } mapped && mapped != existing.Role && !(existing.Role == Role.Owner && await LastOwnerAsync(w, existing, ct)))
            {
                existing.Role = mapped;
                Renew(existing);
                w.Audit(AuditActions.UserRoleChanged, existing);
            }
            return w.Done(existing);
        }

        var first = !await w.Db.Users.AnyAsync(ct);
        var name = string.IsNullOrWhiteSpace(who.Name) ? email.Split('@')[0] : who.Name.Trim();
        var user = new AppUser
        {
            UserName = email, Email = email, EmailConfirmed = who.EmailVerified, CreatedAt = w.Now, ExternalProvider = who.ProviderName,
            DisplayName = name.Length > Limits.PersonLength ? name[..Limits.PersonLength] : name,
            Role = first ? Role.Owner : who.MappedRole ?? defaultRole,
        };
        var created = await m.CreateAsync(user); // no password: this person signs in only through the provider
        if (!created.Succeeded) return w.Invalid("Email", string.Join(" ", created.Errors.Select(e => e.Description)));
        await logins.AddLoginAsync(user, login, ct);
        w.Audit(AuditActions.UserCreated, user);
        return w.Done(user);
    }

    /// <summary>Equal character for character, ignoring case only in A–Z: no Unicode case mapping or normalisation.</summary>
    public static bool SameAddress(string? stored, string given)
    {
        if (stored is null || stored.Length != given.Length) return false;
        for (var i = 0; i < given.Length; i++)
            if (stored[i] != given[i] && !(char.IsAsciiLetter(stored[i]) && char.IsAsciiLetter(given[i]) && (stored[i] | 0x20) == (given[i] | 0x20)))
                return false;
        return true;
    }
}
