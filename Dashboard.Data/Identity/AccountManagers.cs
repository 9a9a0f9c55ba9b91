using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Data.Identity;

/// <summary>
/// Identity's UserManager over the door's own context, with saving left to the door: a user change
/// and its audit entry are then one transaction, like every other write.
/// </summary>
public sealed class AccountManagers(IOptions<IdentityOptions> options, IPasswordHasher<AppUser> hasher,
    IEnumerable<IUserValidator<AppUser>> userValidators, IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer normalizer, IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<AppUser>> logger)
{
    public UserManager<AppUser> For(IncidentBoardDbContext db) =>
        new(new UserStore<AppUser>(db) { AutoSaveChanges = false }, options, hasher, userValidators, passwordValidators, normalizer, errors, services, logger);

    public IdentityOptions Options => options.Value;
}
