using Dashboard.Data.Door;

namespace Dashboard.Components.Shared;

/// <summary>
/// Who is at the keyboard in this circuit, as the door's actor. There are no accounts yet, so
/// anyone who reaches the app may do everything, as before, under the name they typed (or
/// "anonymous"); sign-in will fill this from the signed-in user instead.
/// </summary>
public sealed class CurrentActor
{
    public const string Anonymous = "anonymous";

    public string? Name { get; set; }

    public Actor Actor => Data.Door.Actor.Person(string.IsNullOrWhiteSpace(Name) ? Anonymous : Name.Trim(), Role.Owner);
}
