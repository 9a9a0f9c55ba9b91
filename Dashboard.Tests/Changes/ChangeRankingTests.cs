using Dashboard.Data.Changes;
using Dashboard.Data.Graph;

namespace Dashboard.Tests.Changes;

/// <summary>
/// The ranking rule on a small catalog: db ← api ← web, api ← mobile, cache ← api, and billing alone.
/// web and mobile are impacted.
/// </summary>
public class ChangeRankingTests
{
    private const int Db = 1, Api = 2, Web = 3, Mobile = 4, Cache = 5, Billing = 6, Search = 7;
    private static readonly Dictionary<int, string> Keys = new()
    {
        [Db] = "db", [Api] = "api", [Web] = "web", [Mobile] = "mobile", [Cache] = "cache", [Billing] = "billing", [Search] = "search",
    };
    private static readonly ServiceGraph Graph = new([(Api, Db), (Web, Api), (Mobile, Api), (Api, Cache), (Search, Db)]);
    private static readonly DateTime Start = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private static List<ChangeScore> Rank(HashSet<int> impacted, params ChangeCandidate[] changes) =>
        ChangeRanking.Rank(changes, ChangeRanking.ReachOf(Graph, impacted, id => Keys[id]), Start, id => Keys[id]);

    private static readonly Dictionary<int, string> Titles = [];

    private static ChangeCandidate Change(int id, string title, int minutesBefore, params int[] services)
    {
        lock (Titles) Titles[id] = title;
        return new(id, Start.AddMinutes(-minutesBefore), services);
    }

    private static string Title(ChangeScore s) { lock (Titles) return Titles[s.Change.Id]; }

    [Fact]
    public void A_change_upstream_of_many_impacted_services_outranks_an_unrelated_change_closer_in_time()
    {
        var ranked = Rank([Web, Mobile], Change(1, "billing deploy", 1, Billing), Change(2, "db grants", 600, Db));

        Assert.Equal(["db grants", "billing deploy"], ranked.Select(Title));
        Assert.Equal((ChangeRelation.Upstream, 2, 2), (ranked[0].Relation, ranked[0].Hops, ranked[0].ImpactedDownstream));
        Assert.Equal("touched db, which mobile depends on, 2 hops; upstream of 2 impacted services; 10 h 0 min before the start", ranked[0].Reason);
        Assert.Equal(ChangeRelation.Unrelated, ranked[1].Relation);
    }

    [Fact]
    public void An_impacted_service_comes_first_then_closer_in_the_graph_then_closer_in_time()
    {
        var ranked = Rank([Web, Mobile],
            Change(1, "db far", 30, Db), Change(2, "api late", 300, Api), Change(3, "web flag", 900, Web), Change(4, "db near", 5, Db));

        Assert.Equal(["web flag", "api late", "db near", "db far"], ranked.Select(Title));
        Assert.Equal([1, 2, 3, 4], ranked.Select(r => r.Rank));
    }

    [Fact]
    public void More_impacted_services_downstream_break_a_tie_in_distance()
    {
        // With web, mobile and search impacted, api and db are both 1 hop from an impacted service;
        // db has three impacted services downstream (search, and web and mobile through api), api two.
        var ranked = Rank([Web, Mobile, Search], Change(1, "api", 10, Api), Change(2, "db", 10, Db));

        Assert.Equal(["db", "api"], ranked.Select(Title));
        Assert.Equal([(1, 3), (1, 2)], ranked.Select(r => (r.Hops, r.ImpactedDownstream)));
    }

    [Fact]
    public void A_change_before_the_start_ranks_above_one_the_same_distance_after_it()
    {
        var ranked = Rank([Web], Change(1, "after", -10, Api), Change(2, "before", 10, Api));

        Assert.Equal(["before", "after"], ranked.Select(Title));
        Assert.EndsWith("10 min after the start", ranked[1].Reason);
    }

    [Fact]
    public void Ties_are_broken_by_id_whatever_the_input_order()
    {
        ChangeCandidate[] changes = [Change(9, "b", 10, Api), Change(3, "a", 10, Api), Change(1, "c", 10, Api)];

        var one = Rank([Web], changes).Select(r => r.Change.Id);
        var other = Rank([Web], [.. changes.Reverse()]).Select(r => r.Change.Id);

        Assert.Equal([1, 3, 9], one);
        Assert.Equal(one, other);
    }

    [Fact]
    public void A_change_touching_several_services_is_placed_by_its_nearest_one()
    {
        var ranked = Rank([Web], Change(1, "multi", 10, Billing, Db, Api));

        Assert.Equal((ChangeRelation.Upstream, Api, 1), (ranked[0].Relation, ranked[0].ServiceId, ranked[0].Hops));
    }
}
