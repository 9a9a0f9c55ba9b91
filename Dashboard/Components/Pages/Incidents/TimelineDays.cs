using Dashboard.Data.Services;

namespace Dashboard.Components.Pages.Incidents;

public static class TimelineDays
{
    /// <summary>Events grouped by UTC day, in order, so multi-day incidents read day by day.</summary>
    public static IEnumerable<IGrouping<DateOnly, EventItem>> Group(IEnumerable<EventItem> events) =>
        events.GroupBy(e => DateOnly.FromDateTime(e.OccurredAt));
}
