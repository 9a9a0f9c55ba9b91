namespace Dashboard.Data.Actions;

/// <summary>
/// One status an action entered, and when. Kept so "was it still open on that date?" is answered
/// from the action's own history instead of from today's status.
/// </summary>
public class ActionStatusChange
{
    public int Id { get; set; }
    public int ActionId { get; set; }
    public ActionStatus Status { get; set; }
    public DateTime At { get; set; }
    public string? By { get; set; }
}
