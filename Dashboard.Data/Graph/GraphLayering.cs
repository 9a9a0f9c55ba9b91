using Dashboard.Data.Catalog;

namespace Dashboard.Data.Graph;

/// <summary>Where a node sits in the layered drawing: its column (layer) and its row within it (order).</summary>
public readonly record struct LayerPosition(int Layer, int Order);

/// <summary>
/// Lays a dependency graph out in layers: upstream causes in layer 0, each service one layer
/// after the deepest service it depends on (longest path from the roots), so every arrow points
/// the same way and a chain reads left to right. Within a layer, services are ordered by the mean
/// row of their neighbours (a few barycenter sweeps), which removes most edge crossings; ties are
/// broken by name, so the same graph always draws the same way.
/// </summary>
public static class GraphLayering
{
    private const int Sweeps = 4;

    public static IReadOnlyDictionary<int, LayerPosition> Layout(IReadOnlyCollection<int> nodes, IEnumerable<(int Service, int DependsOn)> edges, Func<int, string> nameOf)
    {
        var set = nodes.ToHashSet();
        var within = edges.Where(e => set.Contains(e.Service) && set.Contains(e.DependsOn) && e.Service != e.DependsOn).Distinct().ToList();
        var layer = Layers(set, within, nameOf);

        var columns = set.GroupBy(n => layer[n]).OrderBy(g => g.Key)
            .Select(g => g.OrderBy(nameOf, StringComparer.OrdinalIgnoreCase).ThenBy(n => n).ToList()).ToList();
        var upstream = within.ToLookup(e => e.Service, e => e.DependsOn);
        var downstream = within.ToLookup(e => e.DependsOn, e => e.Service);
        for (var sweep = 0; sweep < Sweeps; sweep++)
        {
            var row = Rows(columns);
            var forward = sweep % 2 == 0;
            var order = forward ? Enumerable.Range(1, columns.Count - 1) : Enumerable.Range(0, columns.Count - 1).Reverse();
            foreach (var c in order)
            {
                var neighbours = forward ? upstream : downstream;
                columns[c] = [.. columns[c]
                    .OrderBy(n => neighbours[n].Select(m => (double?)row[m]).Average() ?? row[n])
                    .ThenBy(n => row[n])];
                row = Rows(columns);
            }
        }

        var result = new Dictionary<int, LayerPosition>();
        foreach (var column in columns)
            for (var i = 0; i < column.Count; i++)
                result[column[i]] = new LayerPosition(layer[column[i]], i);
        return result;
    }

    /// <summary>Longest path from a root (Kahn's order). Nodes left on a cycle, which the catalog refuses, go after the rest.</summary>
    private static Dictionary<int, int> Layers(HashSet<int> nodes, List<(int Service, int DependsOn)> edges, Func<int, string> nameOf)
    {
        var remaining = nodes.ToDictionary(n => n, _ => 0);
        foreach (var (service, _) in edges) remaining[service]++;
        var dependents = edges.ToLookup(e => e.DependsOn, e => e.Service);
        var layer = nodes.ToDictionary(n => n, _ => 0);
        var ready = new Queue<int>(nodes.Where(n => remaining[n] == 0).OrderBy(nameOf, StringComparer.OrdinalIgnoreCase).ThenBy(n => n));
        var done = 0;
        while (ready.Count > 0)
        {
            var n = ready.Dequeue();
            done++;
            foreach (var d in dependents[n])
            {
                layer[d] = Math.Max(layer[d], layer[n] + 1);
                if (--remaining[d] == 0) ready.Enqueue(d);
            }
        }
        if (done < nodes.Count)
        {
            var last = layer.Values.DefaultIfEmpty(0).Max() + 1;
            foreach (var n in nodes.Where(n => remaining[n] > 0)) layer[n] = last;
        }
        return layer;
    }

    private static Dictionary<int, int> Rows(List<List<int>> columns)
    {
        var row = new Dictionary<int, int>();
        foreach (var column in columns)
        {
            // Centre each column so the neighbour means compare columns of different heights fairly.
            var offset = -column.Count / 2.0;
            for (var i = 0; i < column.Count; i++) row[column[i]] = (int)Math.Round((offset + i) * 2);
        }
        return row;
    }
}
