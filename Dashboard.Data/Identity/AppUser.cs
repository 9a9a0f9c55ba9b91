using Microsoft.AspNetCore.Identity;

namespace Dashboard.Data.Identity;

/// <summary>A person who signs in. The email is the user name; one role each (<see cref="Role"/>), kept on the row.</summary>
public class AppUser : IdentityUser, IDoorRow
{
    DoorAddress IDoorRow.Address => new(null, Email ?? Id, null, null);

    public string DisplayName { get; set; } = "";
    public Role Role { get; set; }
    /// <summary>IANA zone the person reads local times in ("Europe/Berlin"); null: the browser's own.</summary>
    public string? TimeZone { get; set; }
    /// <summary>Set for accounts made with a temporary password: the first sign-in asks for a new one.</summary>
    public bool MustChangePassword { get; set; }
    /// <summary>A disabled user cannot sign in, and open circuits lose access at the next revalidation.</summary>
    public bool IsDisabled { get; set; }
    /// <summary>Provisioned through OpenID Connect rather than created here.</summary>
    public string? ExternalProvider { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>"light" or "dark"; null follows the system preference.</summary>
    public string? Theme { get; set; }
}
