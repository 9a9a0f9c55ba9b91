using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Identity;

public sealed class UserQueries(IDbContextFactory<IncidentBoardDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>True until the first owner exists: every page then leads to "Create the owner account".</summary>
    public async Task<bool> AnyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AnyAsync(ct);
    }

    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync(ct);
        // LockoutEnd is a DateTimeOffset, which SQLite cannot compare in SQL: it is read with the rows.
        return [.. users.Select(u => new UserRow(u.Id, u.Email!, u.DisplayName, u.Role, u.IsDisabled, u.MustChangePassword, u.ExternalProvider, u.CreatedAt,
            u.LockoutEnd > now))];
    }

    public async Task<UserRow?> GetAsync(string id, CancellationToken ct = default) =>
        (await ListAsync(ct)).FirstOrDefault(u => u.Id == id);

    /// <summary>People who can be picked as an owner or an incident role: enabled accounts, by name.</summary>
    public async Task<IReadOnlyList<UserChoice>> ChoicesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().Where(u => !u.IsDisabled).OrderBy(u => u.DisplayName)
            .Select(u => new UserChoice(u.Id, u.DisplayName, u.Email!)).ToListAsync(ct);
    }

    /// <summary>The person's chosen theme ("light" or "dark"), or null to follow the device.</summary>
    public async Task<string?> ThemeAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Theme).SingleOrDefaultAsync(ct);
    }
}

/// <summary>The values of <see cref="AppUser.Theme"/>; null means "as the device prefers".</summary>
public static class UserThemes
{
    public const string Light = "light";
    public const string Dark = "dark";
}
