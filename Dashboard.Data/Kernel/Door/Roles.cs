namespace Dashboard.Data.Kernel;

/// <summary>Ordered: each role may do everything the one before it may.</summary>
public enum Role { Viewer, Responder, Admin, Owner }

/// <summary>What a command asks of its actor's role; the door refuses with <see cref="Outcome.Forbidden"/> otherwise.</summary>
public enum Permission
{
    /// <summary>Read, and change one's own profile and password.</summary>
    Read,
    /// <summary>Declare and edit incidents, timelines, impacts, actions and postmortem text; import chat logs and postmortems; submit for review.</summary>
    Respond,
    /// <summary>Publish or reopen postmortems, delete incidents, edit the service catalog, manage users (owners manage admins and owners too).</summary>
    Administer,
}

public static class Roles
{
    /// <summary>The roles someone holding <paramref name="role"/> may hand on (to an API key): none above their own.</summary>
    public static IReadOnlyList<Role> UpTo(Role role) => [.. Enum.GetValues<Role>().Where(r => r <= role)];

    public static bool Allows(Role role, Permission permission) => role >= Minimum(permission);

    public static Role Minimum(Permission permission) => permission switch
    {
        Permission.Read => Role.Viewer,
        Permission.Respond => Role.Responder,
        Permission.Administer => Role.Admin,
        _ => Role.Owner,
    };
}
