using Dashboard.Data.Graph;

namespace Dashboard.Tests.Domain;

public sealed class ServiceGraphTests
{
    private static readonly DateTime T0 = new(2025, 11, 18, 11, 0, 0, DateTimeKind.Utc);

    private static string Name(int id) => $"s{id:D2}";

    [Fact]
    public void Blast_radius_of_a_chain_counts_every_service_downstream_with_its_distance()
    {
        // 4 depends on 3, 3 on 2, 2 on 1.
        var graph = new ServiceGraph([(2, 1), (3, 2), (4, 3)]);

        var radius = graph.BlastRadius(1);

        Assert.Equal(new Dictionary<int, int> { [2] = 1, [3] = 2, [4] = 3 }, radius);
        Assert.Empty(graph.BlastRadius(4));
    }

    [Fact]
    public void Blast_radius_of_a_diamond_counts_the_shared_dependent_once_at_its_shortest_distance()
    {
        // 2 and 3 depend on 1; 4 depends on both 2 and 3; 5 depends on 4 and directly on 1.
        var graph = new ServiceGraph([(2, 1), (3, 1), (4, 2), (4, 3), (5, 4), (5, 1)]);

        var radius = graph.BlastRadius(1);

        Assert.Equal(4, radius.Count);
        Assert.Equal(2, radius[4]);
        Assert.Equal(1, radius[5]);
        Assert.Equal([1, 2, 3, 4, 5], graph.WithDependencies([5]).Order());
    }

    [Fact]
    public void Blast_radius_ends_even_on_a_cycle_the_catalog_would_refuse()
    {
        var graph = new ServiceGraph([(2, 1), (3, 2), (1, 3)]);

        Assert.Equal([2, 3], graph.BlastRadius(1).Keys.Order());
    }

    [Fact]
    public void Layering_puts_each_service_one_layer_after_its_deepest_dependency()
    {
        // The Cloudflare shape: 1 ClickHouse ← 2 generator ← 3 bots ← 4 FL2, 5 FL ← 6 CDN (both), 7 KV ← 8 dashboard; 8 also on 4 directly.
        (int, int)[] edges = [(2, 1), (3, 2), (4, 3), (5, 3), (6, 4), (6, 5), (7, 4), (8, 7), (8, 4)];

        var layout = GraphLayering.Layout([1, 2, 3, 4, 5, 6, 7, 8], edges, Name);

        Assert.Equal([0, 1, 2, 3, 3, 4, 4, 5], Enumerable.Range(1, 8).Select(i => layout[i].Layer));
        Assert.All(edges, e => Assert.True(layout[e.Item1].Layer > layout[e.Item2].Layer));
        // Rows within a layer are distinct and dense.
        Assert.Equal([0, 1], new[] { layout[4].Order, layout[5].Order }.Order());
    }

    [Fact]
    public void Layering_is_deterministic_whatever_order_the_nodes_and_edges_come_in()
    {
        (int, int)[] edges = [(3, 1), (4, 1), (4, 2), (5, 3), (5, 4), (6, 2)];

        var a = GraphLayering.Layout([1, 2, 3, 4, 5, 6], edges, Name);
        var b = GraphLayering.Layout([6, 5, 4, 3, 2, 1], [.. edges.Reverse()], Name);

        Assert.Equal(a.OrderBy(p => p.Key), b.OrderBy(p => p.Key));
    }

    [Fact]
    public void Impact_state_at_a_moment_takes_the_worst_open_window_and_a_second_window_counts_again()
    {
        ImpactSpan[] windows =
        [
            new(1, ImpactLevel.MajorOutage, T0.AddMinutes(20), T0.AddMinutes(210)),
            new(1, ImpactLevel.Degraded, T0.AddMinutes(210), T0.AddMinutes(366)),
            // Two separate dips of one service, and a degraded overlap that the major outage outranks.
            new(2, ImpactLevel.PartialOutage, T0.AddMinutes(30), T0.AddMinutes(130)),
            new(2, ImpactLevel.PartialOutage, T0.AddMinutes(220), T0.AddMinutes(270)),
            new(3, ImpactLevel.Degraded, T0.AddMinutes(20), null),
            new(3, ImpactLevel.MajorOutage, T0.AddMinutes(40), T0.AddMinutes(60)),
        ];
        var end = T0.AddMinutes(366);

        Assert.Empty(ImpactStates.At(windows, T0, end));
        Assert.Equal(ImpactLevel.MajorOutage, ImpactStates.At(windows, T0.AddMinutes(45), end)[3]);
        var at1330 = ImpactStates.At(windows, T0.AddMinutes(150), end);
        Assert.Equal(ImpactLevel.MajorOutage, at1330[1]);
        Assert.False(at1330.ContainsKey(2)); // between the two dips
        Assert.Equal(ImpactLevel.Degraded, at1330[3]); // no published end: lasts to the resolution
        var handOver = ImpactStates.At(windows, T0.AddMinutes(210), end);
        Assert.Equal(ImpactLevel.Degraded, handOver[1]); // the window ending at 14:30 hands over to the next
        Assert.Equal(ImpactLevel.PartialOutage, ImpactStates.At(windows, T0.AddMinutes(230), end)[2]);
        Assert.Empty(ImpactStates.At(windows, end, end));
    }

    [Fact]
    public void The_impaired_count_steps_at_every_change()
    {
        ImpactSpan[] windows =
        [
            new(1, ImpactLevel.MajorOutage, T0, T0.AddMinutes(60)),
            new(2, ImpactLevel.Degraded, T0.AddMinutes(10), T0.AddMinutes(30)),
            new(2, ImpactLevel.Degraded, T0.AddMinutes(40), T0.AddMinutes(50)),
        ];

        var steps = ImpactStates.ImpairedCount(windows, T0.AddMinutes(60));

        Assert.Equal([(T0, 1), (T0.AddMinutes(10), 2), (T0.AddMinutes(30), 1), (T0.AddMinutes(40), 2), (T0.AddMinutes(50), 1), (T0.AddMinutes(60), 0)], steps);
    }

    [Fact]
    public void The_root_cause_is_the_source_upstream_of_most_affected_services()
    {
        // 1 → 2 → 3 → {4, 5}; 9 is impaired on its own.
        var graph = new ServiceGraph([(2, 1), (3, 2), (4, 3), (5, 3)]);
        var affected = new HashSet<int> { 4, 5, 9 };
        var nodes = graph.WithDependencies(affected);

        Assert.Equal(1, RootCause.Find(graph, nodes, affected, Name));
        Assert.Null(RootCause.Find(graph, nodes, new HashSet<int>(), Name));
    }
}
