namespace Dashboard.Data.Identity;

/// <summary>A new account as an admin (or the first-run page, or the command line) types it.</summary>
public sealed class NewUserInput
{
    public string Email { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public Role Role { get; set; } = Role.Responder;
    public string Password { get; set; } = "";
    /// <summary>True for a temporary password handed to the person: their first sign-in asks for a new one.</summary>
    public bool MustChangePassword { get; set; } = true;
}

public sealed record UserRow(string Id, string Email, string DisplayName, Role Role, bool IsDisabled, bool MustChangePassword,
    string? ExternalProvider, DateTime CreatedAt, bool LockedOut);

/// <summary>A person to pick (an action's owner, an incident role).</summary>
public sealed record UserChoice(string Id, string DisplayName, string Email);
