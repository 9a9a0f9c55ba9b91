namespace Dashboard.Data.Timeline;

/// <summary>
/// In-process notice that an incident's timeline changed, so every open view of that incident
/// reloads at once. One app instance serves every circuit, so no broker is needed.
/// </summary>
public sealed class TimelineNotifier
{
    public event Action<int>? Changed;

    public void Publish(int incidentId) => Changed?.Invoke(incidentId);
}
