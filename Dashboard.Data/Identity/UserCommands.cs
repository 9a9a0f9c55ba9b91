using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Identity;

/// <summary>
/// Accounts, through the door like every write: admins manage viewers and responders, owners manage
/// everyone; the last owner cannot be demoted or disabled, so the organisation is never locked out.
/// A change of role, a disable and a password reset renew the security stamp, which ends the
/// person's open sessions at the next revalidation.
/// </summary>
public sealed partial class UserCommands(WriteDoor door, AccountManagers managers)
{
    private const string Subject = "user";

    /// <summary>The first owner, on a database with no users (the first-run page, the Bootstrap settings). Refused once any user exists.</summary>
    public Task<CommandResult> CreateFirstOwnerAsync(NewUserInput input, CancellationToken ct = default) =>
        door.RunAsync(Actor.System.Via(ChangeSource.Ui), Permission.Read, Subject, async w =>
        {
            if (await w.Db.Users.AnyAsync(ct)) return w.Invalid("", "The owner account already exists; sign in instead.");
            input.Role = Role.Owner;
            input.MustChangePassword = false;
            return await CreateInAsync(w, input, ct);
        }, ct);

    public Task<CommandResult> CreateAsync(Actor actor, NewUserInput input, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
            MayManage(actor, input.Role, input.Role) ? await CreateInAsync(w, input, ct) : CommandResult.Forbidden(Subject), ct);

    public Task<CommandResult> SetRoleAsync(Actor actor, string userId, Role role, CancellationToken ct = default) =>
        ChangeAsync(actor, userId, role, AuditActions.UserRoleChanged, async (w, m, user) =>
        {
            if (user.Role == Role.Owner && role != Role.Owner && await LastOwnerAsync(w, user, ct))
                return w.Invalid("Role", "This is the last owner: make someone else an owner first.");
            user.Role = role;
            Renew(user);
            return null;
        }, ct);

    public Task<CommandResult> SetDisabledAsync(Actor actor, string userId, bool disabled, CancellationToken ct = default) =>
        ChangeAsync(actor, userId, null, disabled ? AuditActions.UserDisabled : AuditActions.UserEnabled, async (w, m, user) =>
        {
            if (disabled && user.Id == actor.UserId) return w.Invalid("", "You cannot disable your own account.");
            if (disabled && user.Role == Role.Owner && await LastOwnerAsync(w, user, ct))
                return w.Invalid("", "This is the last owner: make someone else an owner first.");
            user.IsDisabled = disabled;
            Renew(user);
            return null;
        }, ct);

    /// <summary>Sets a temporary password the person must change at their next sign-in.</summary>
    public Task<CommandResult> ResetPasswordAsync(Actor actor, string userId, string temporaryPassword, CancellationToken ct = default) =>
        ChangeAsync(actor, userId, null, AuditActions.UserPasswordReset, async (w, m, user) =>
        {
            if (await SetPasswordAsync(w, m, user, temporaryPassword) is { } refused) return refused;
            user.MustChangePassword = true;
            user.AccessFailedCount = 0;
            user.LockoutEnd = null;
            return null;
        }, ct);

    /// <summary>One's own display name and time zone.</summary>
    public Task<CommandResult> UpdateProfileAsync(Actor actor, string displayName, string? timeZone, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Read, Subject, async w =>
        {
            var user = await w.Db.Users.SingleOrDefaultAsync(u => u.Id == actor.UserId, ct);
            if (user is null) return w.NotFound();
            if (NameProblem(displayName) is { } problem) return w.Invalid(nameof(NewUserInput.DisplayName), problem);
            if (timeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
                return w.Invalid(nameof(AppUser.TimeZone), $"Time zone: '{timeZone}' is not a known zone (use an IANA name such as Europe/Berlin).");
            user.DisplayName = displayName.Trim();
            user.TimeZone = string.IsNullOrWhiteSpace(timeZone) ? null : timeZone;
            w.Audit(AuditActions.UserProfileChanged, user);
            return w.Done(user);
        }, ct);

    /// <summary>One's own colour theme: "light", "dark", or null to follow the device's setting.</summary>
    public Task<CommandResult> SetThemeAsync(Actor actor, string? theme, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Read, Subject, async w =>
        {
            if (theme is not (null or UserThemes.Light or UserThemes.Dark))
                return w.Invalid(nameof(AppUser.Theme), $"Theme: '{theme}' is not one of light, dark or (none) to follow the device.");
            var user = await w.Db.Users.SingleOrDefaultAsync(u => u.Id == actor.UserId, ct);
            if (user is null) return w.NotFound();
            user.Theme = theme;
            w.Audit(AuditActions.UserThemeChanged, user);
            return w.Done(user);
        }, ct);

    /// <summary>One's own password: the current one must be right; a forced change clears the flag.</summary>
    public Task<CommandResult> ChangeOwnPasswordAsync(Actor actor, string currentPassword, string newPassword, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Read, Subject, async w =>
        {
            var user = await w.Db.Users.SingleOrDefaultAsync(u => u.Id == actor.UserId, ct);
            if (user is null) return w.NotFound();
            var m = managers.For(w.Db);
            if (!await m.CheckPasswordAsync(user, currentPassword)) return w.Invalid("CurrentPassword", "Current password: it is not right.");
            if (currentPassword == newPassword) return w.Invalid("NewPassword", "New password: choose one that differs from the current one.");
            if (await SetPasswordAsync(w, m, user, newPassword) is { } refused) return refused;
            user.MustChangePassword = false;
            w.Audit(AuditActions.UserPasswordChanged, user);
            return w.Done(user);
        }, ct);

    private async Task<CommandResult> CreateInAsync(Write w, NewUserInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var email = input.Email.Trim();
        if (!System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || email.Length > 256)
            errors[nameof(input.Email)] = $"Email: '{email}' is not an email address.";
        if (NameProblem(input.DisplayName) is { } problem) errors[nameof(input.DisplayName)] = problem;
        if (!Enum.IsDefined(input.Role)) errors[nameof(input.Role)] = "Role: choose viewer, responder, admin or owner.";
        if (errors.Count > 0) return w.Invalid(errors);
        var m = managers.For(w.Db);
        if (await m.FindByEmailAsync(email) is not null) return w.Invalid(nameof(input.Email), $"Email: {email} already has an account.");
        var user = new AppUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = input.DisplayName.Trim(), Role = input.Role,
            MustChangePassword = input.MustChangePassword, CreatedAt = w.Now,
        };
        var created = await m.CreateAsync(user, input.Password);
        if (!created.Succeeded) return w.Invalid(PasswordErrors(created));
        w.Audit(AuditActions.UserCreated, user);
        return w.Done(user);
    }

    private Task<CommandResult> ChangeAsync(Actor actor, string userId, Role? newRole, string action,
        Func<Write, UserManager<AppUser>, AppUser, Task<CommandResult?>> change, CancellationToken ct) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            var user = await w.Db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
            if (user is null) return w.NotFound();
            if (!MayManage(actor, user.Role, newRole ?? user.Role)) return CommandResult.Forbidden(Subject);
            var m = managers.For(w.Db);
            if (await change(w, m, user) is { } refused) return refused;
            w.Audit(action, user);
            return w.Done(user);
        }, ct);

    /// <summary>Admins manage viewers and responders; owners manage everyone, admins and owners included.</summary>
    private static bool MayManage(Actor actor, Role current, Role wanted) =>
        actor.Role == Role.Owner || (current < Role.Admin && wanted < Role.Admin);

    /// <summary>Any fixed number: the name among this database's advisory locks of the one that orders changes to the owners ("IBowners").</summary>
    private const long OwnersLockKey = 0x4942_6F77_6E65_7273;

    private static async Task<bool> LastOwnerAsync(Write w, AppUser user, CancellationToken ct)
    {
        // PostgreSQL runs the door's transaction under READ COMMITTED, where two owners demoting each
        // other at once would each still see the other as an owner, and both commit: no owner left.
        // This lock, held to commit or rollback, makes such changes take turns; the second then counts
        // again and sees what the first committed (each statement reads the latest commits).
        // SQLite needs none: the door's BEGIN IMMEDIATE already makes writers take turns.
        if (ProviderSql.For(w.Db.Database) == ProviderSql.PostgreSql)
            await w.Db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({OwnersLockKey})", ct);
        return !await w.Db.Users.AnyAsync(u => u.Id != user.Id && u.Role == Role.Owner && !u.IsDisabled, ct);
    }

    private static async Task<CommandResult?> SetPasswordAsync(Write w, UserManager<AppUser> m, AppUser user, string password)
    {
        foreach (var validator in m.PasswordValidators)
            if (await validator.ValidateAsync(m, user, password) is { Succeeded: false } refused) return w.Invalid(PasswordErrors(refused));
        user.PasswordHash = m.PasswordHasher.HashPassword(user, password);
        Renew(user);
        return null;
    }

    /// <summary>
    /// A new security stamp ends the person's other sessions at the next revalidation. Set here on the
    /// tracked row rather than through UserManager.Update, whose re-attach would reset EF's original
    /// values and so defeat the concurrency check on ConcurrencyStamp.
    /// </summary>
    private static void Renew(AppUser user)
    {
        user.SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
    }

    private static string? NameProblem(string name) =>
        string.IsNullOrWhiteSpace(name) ? "Display name: required." : name.Trim().Length > Limits.PersonLength ? $"Display name: at most {Limits.PersonLength} characters." : null;

    /// <summary>Identity's password rules as field messages (all under Password; duplicate-name errors under Email).</summary>
    private static Dictionary<string, string> PasswordErrors(IdentityResult result)
    {
        var errors = new Dictionary<string, string>();
        foreach (var e in result.Errors)
        {
            var field = e.Code.Contains("Password", StringComparison.Ordinal) ? nameof(NewUserInput.Password) : nameof(NewUserInput.Email);
            errors[field] = errors.TryGetValue(field, out var before) ? $"{before} {e.Description}" : $"{(field == "Password" ? "Password" : "Email")}: {e.Description}";
        }
        return errors;
    }
}
