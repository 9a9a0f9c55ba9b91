using Microsoft.AspNetCore.Identity;

namespace Dashboard.Data.Identity;

/// <summary>Identity asks this before every sign-in: a disabled account is refused (the sign-in answers "not allowed").</summary>
public sealed class EnabledUsersOnly : IUserConfirmation<AppUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<AppUser> manager, AppUser user) => Task.FromResult(!user.IsDisabled);
}
