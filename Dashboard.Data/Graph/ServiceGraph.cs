using Dashboard.Data.Catalog;

namespace Dashboard.Data.Graph;

/// <summary>
/// The catalog's "A depends on B" edges as adjacency lists in both directions, so the graph can be
/// walked in memory: one query loads the edges, then every walk is O(services + edges).
/// </summary>
public sealed class ServiceGraph
{
    private static readonly IReadOnlyList<int> None = [];
    private readonly Dictionary<int, List<int>> _dependsOn = [];
    private readonly Dictionary<int, List<int>> _dependents = [];

    public ServiceGraph(IEnumerable<(int Service, int DependsOn)> edges)
    {
        foreach (var (service, dependsOn) in edges)
        {
            Add(_dependsOn, service, dependsOn);
            Add(_dependents, dependsOn, service);
        }
    }

    public IReadOnlyList<int> DependenciesOf(int service) => _dependsOn.TryGetValue(service, out var list) ? list : None;

    /// <summary>
    /// Every service that depends on <paramref name="service"/> directly or transitively, with the
    /// number of hops (1 = direct). Breadth-first over the reversed edges, so each service is
    /// reported at its shortest distance; the visited set also ends the walk on a cycle.
    /// </summary>
    public IReadOnlyDictionary<int, int> BlastRadius(int service) => Walk(service, _dependents);

    /// <summary>The given services plus everything they depend on, transitively.</summary>
    public HashSet<int> WithDependencies(IEnumerable<int> services)
    {
        var result = new HashSet<int>();
        var queue = new Queue<int>();
        foreach (var s in services)
            if (result.Add(s)) queue.Enqueue(s);
        while (queue.Count > 0)
            foreach (var next in DependenciesOf(queue.Dequeue()))
                if (result.Add(next)) queue.Enqueue(next);
        return result;
    }

    /// <summary>The edges whose two ends are both in <paramref name="nodes"/>.</summary>
    public IEnumerable<(int Service, int DependsOn)> EdgesWithin(IReadOnlySet<int> nodes) =>
        nodes.SelectMany(n => DependenciesOf(n).Where(nodes.Contains).Select(d => (n, d)));

    private static Dictionary<int, int> Walk(int start, Dictionary<int, List<int>> next)
    {
        var hops = new Dictionary<int, int>();
        var queue = new Queue<int>();
        queue.Enqueue(start);
        var seen = new HashSet<int> { start };
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            var depth = node == start ? 0 : hops[node];
            if (!next.TryGetValue(node, out var targets)) continue;
            foreach (var t in targets)
            {
                if (!seen.Add(t)) continue;
                hops[t] = depth + 1;
                queue.Enqueue(t);
            }
        }
        return hops;
    }

    private static void Add(Dictionary<int, List<int>> map, int from, int to)
    {
        if (!map.TryGetValue(from, out var list)) map[from] = list = [];
        list.Add(to);
    }
}
