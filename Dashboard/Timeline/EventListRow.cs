using Dashboard.Data.Timeline;
using Dashboard.Ui.Kit;

namespace Dashboard.Timeline;

/// <summary>One row of the event list: a day header or an event. Flat, so it can be virtualised.</summary>
/// <param name="Key">The event's id, or a day's negative yyyyMMdd: a number, not a string, as each viewer holds one per event.</param>
public sealed record EventListRow(int Key, DateOnly Day, TimelineEntry? Event)
{
    public static IReadOnlyList<EventListRow> Flatten(IReadOnlyList<TimelineEntry> events, ViewerZone zone)
    {
        var rows = new List<EventListRow>(events.Count + 8);
        DateOnly? current = null;
        foreach (var e in events)
        {
            var day = DateOnly.FromDateTime(zone.Convert(e.OccurredAt));
            if (day != current)
            {
                rows.Add(new EventListRow(-(day.Year * 10_000 + day.Month * 100 + day.Day), day, null));
                current = day;
            }
            rows.Add(new EventListRow(e.Id, day, e));
        }
        return rows;
    }
}
