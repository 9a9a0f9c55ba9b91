using Microsoft.AspNetCore.WebUtilities;
using Dashboard.Actions;

namespace Dashboard.Tests.Components;

public class ActionFilterTests
{
    [Fact]
    public void Filters_round_trip_through_the_query_string()
    {
        var filter = new ActionFilter
        {
            Statuses = [ActionStatus.Open, ActionStatus.InProgress], Priorities = [ActionPriority.P0], Kinds = [ActionKind.Detect],
            Owner = "kim & co", Team = "Edge", IncidentId = 4, OverdueOnly = true, DueWithinDays = 14, Search = "kill switch",
        };

        var back = ActionFilter.FromQuery(QueryHelpers.ParseQuery(filter.ToQueryString()));

        Assert.Equal(filter.ToQueryString(), back.ToQueryString());
        Assert.Equal([ActionStatus.Open, ActionStatus.InProgress], back.Statuses);
        Assert.Equal("kim & co", back.Owner);
    }

    [Fact]
    public void Values_it_cannot_read_are_ignored()
    {
        var filter = ActionFilter.FromQuery(QueryHelpers.ParseQuery("?status=Open&status=7&status=bogus&incident=abc&due-within=-5"));

        Assert.Equal([ActionStatus.Open], filter.Statuses);
        Assert.Null(filter.IncidentId);
        Assert.Equal(0, filter.DueWithinDays);
    }
}
