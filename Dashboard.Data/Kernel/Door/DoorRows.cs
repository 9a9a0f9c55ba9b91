namespace Dashboard.Data.Kernel;

/// <summary>
/// What the door needs to know of a row a command writes: its address in the audit trail and in
/// results, the incident it belongs to, and its version. Each entity says it itself, so adding an
/// entity never means editing the door.
/// </summary>
public interface IDoorRow
{
    DoorAddress Address { get; }
}

public readonly record struct DoorAddress(int? Id, string Key, int? IncidentId, Guid? Version);

/// <summary>
/// A row that belongs to incidents (an event, an impact, a link's two ends). The door reads these
/// from the change tracker to check that the writer may see them and to tell only those who may,
/// so no command can forget one.
/// </summary>
public interface IIncidentRow
{
    IEnumerable<int> IncidentIds { get; }
}
