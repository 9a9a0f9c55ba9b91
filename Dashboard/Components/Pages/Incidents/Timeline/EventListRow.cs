using Dashboard.Charts;
using Dashboard.Data.Timeline;

namespace Dashboard.Components.Pages.Incidents.Timeline;

/// <summary>One row of the event list: a day header or an event. Flat, so it can be virtualised.</summary>
public sealed record EventListRow(string Key, DateOnly Day, TimelineEntry? Event)
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
                rows.Add(new EventListRow($"day-{day:yyyyMMdd}", day, null));
                current = day;
            }
            rows.Add(new EventListRow($"e-{e.Id}", day, e));
        }
        return rows;
    }
}
