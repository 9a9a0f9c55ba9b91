using Dashboard.Api;

namespace Dashboard.Ui.Kit;

/// <summary>
/// Who is signed in to this circuit, cascaded from the layout: the door's actor for every command,
/// and what the role may do, so a page can disable (with the reason) what the door would refuse.
/// Hiding is a courtesy; the door decides.
/// </summary>
public sealed record CurrentUser(Actor Actor)
{
    /// <summary>Signed out (a wall display with anonymous reading on): may read, nothing else.</summary>
    public static CurrentUser Anonymous { get; } = new(Actor.Person("anonymous", Role.Viewer));

    public bool IsSignedIn => Actor.UserId is not null;

    public bool Can(Permission permission) => Actor.May(permission);

    /// <summary>The tooltip on a disabled control; null when the role may.</summary>
    public string? WhyNot(Permission permission) => Can(permission)
        ? null
        : $"Your role ({Actor.Role}) may not do this; it needs {Roles.Minimum(permission)} or above.";
}
