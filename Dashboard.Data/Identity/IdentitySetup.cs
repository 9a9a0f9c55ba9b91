using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Data.Identity;

public static class IdentitySetup
{
    /// <summary>
    /// Accounts in the app's own database, with the password policy every path shares (the sign-in
    /// page, the command line, an admin's reset): length over composition rules. Wrong passwords do
    /// not lock an account: a lock per account would let anyone keep its owner out. The sign-in page
    /// limits failures per client address and per account from that address instead (the app's
    /// SignInThrottle). A lockout end already on a row is still honoured until it passes or an admin resets it.
    /// </summary>
    public static IdentityBuilder AddIncidentBoardIdentity(this IServiceCollection services)
    {
        services.AddSingleton<AccountManagers>();
        services.AddSingleton<UserCommands>();
        services.AddSingleton<UserQueries>();
        return services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequiredUniqueChars = 4;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                // "Confirmed" here means enabled: see EnabledUsersOnly.
                o.SignIn.RequireConfirmedAccount = true;
            })
            .AddEntityFrameworkStores<IncidentBoardDbContext>()
            .AddUserConfirmation<EnabledUsersOnly>();
    }
}
