namespace Dashboard.Data.Kernel;

/// <summary>Where a write came in: the audit trail says so, and imports and seeding are told apart from typing.</summary>
public enum ChangeSource { Ui, Import, Seed, Api, Cli }

public enum ActorKind { Person, System, ApiKey }

/// <summary>
/// Who is writing, and through which channel. Every command takes one, so the door can check the
/// role and the audit trail can name the person; there is no ambient "current user" in Dashboard.Data.
/// </summary>
public sealed record Actor(ActorKind Kind, string Name, Role Role, ChangeSource Source = ChangeSource.Ui)
{
    /// <summary>The signed-in user's id, for writes about oneself (profile, password); null for system and test actors.</summary>
    public string? UserId { get; init; }

    /// <summary>How the actor is shown on what they wrote (an event's author); <see cref="Name"/> is the unique name the audit trail keeps.</summary>
    public string DisplayName { get; init; } = Name;

    /// <summary>Seeding and start-up work: may do everything, recorded as <c>system</c>.</summary>
    public static Actor System { get; } = new(ActorKind.System, "system", Role.Owner, ChangeSource.Seed);

    public static Actor Person(string name, Role role) => new(ActorKind.Person, name, role);

    public Actor Via(ChangeSource source) => this with { Source = source };

    /// <summary>Private incidents are hidden from everyone but their participants, admins, owners and the system.</summary>
    public bool SeesAllIncidents => Kind == ActorKind.System || Role >= Role.Admin;

    public bool May(Permission permission) => Roles.Allows(Role, permission);
}
