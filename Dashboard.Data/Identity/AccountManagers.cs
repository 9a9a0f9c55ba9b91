using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Data.Identity;

/// <summary>
/// Identity's UserManager over the door's own context, with saving left to the door: a user change
/// and its audit entry are then one transaction, like every other write. Its parts are Identity's
/// defaults, made here because AddIdentityCore registers them per request scope and the door's
/// commands are singletons; all of them are stateless.
/// </summary>
public sealed class AccountManagers(IOptions<IdentityOptions> options, IServiceProvider services, ILogger<UserManager<AppUser>> logger)
{
    private static readonly IdentityErrorDescriber Errors = new();
    private readonly PasswordHasher<AppUser> _hasher = new();

    public UserManager<AppUser> For(IncidentBoardDbContext db) =>
        new(new UserStore<AppUser>(db) { AutoSaveChanges = false }, options, _hasher,
            [new UserValidator<AppUser>(Errors)], [new PasswordValidator<AppUser>(Errors)], new UpperInvariantLookupNormalizer(), Errors, services, logger);
}
