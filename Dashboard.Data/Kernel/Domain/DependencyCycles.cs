namespace Dashboard.Data.Kernel;

public static class DependencyCycles
{
    /// <summary>Returns one cycle in the "A depends on B" edges as [A, B, …, A], or null when there is none.</summary>
    public static IReadOnlyList<string>? Find(IEnumerable<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
        var state = new Dictionary<string, bool>(); // false: on the current path; true: finished
        var path = new List<string>();

        foreach (var start in next.Keys)
        {
            if (state.ContainsKey(start)) continue;
            // Iterative depth-first search: a catalog of thousands of services must not overflow the stack.
            var stack = new Stack<(string Node, int Edge)>();
            stack.Push((start, 0));
            state[start] = false;
            path.Add(start);
            while (stack.Count > 0)
            {
                var (node, edge) = stack.Pop();
                var targets = next.GetValueOrDefault(node);
                if (targets is null || edge >= targets.Count)
                {
                    state[node] = true;
                    path.RemoveAt(path.Count - 1);
                    continue;
                }
                stack.Push((node, edge + 1));
                var to = targets[edge];
                if (!state.TryGetValue(to, out var done))
                {
                    state[to] = false;
                    path.Add(to);
                    stack.Push((to, 0));
                }
                else if (!done)
                {
                    return [.. path[path.IndexOf(to)..], to];
                }
            }
        }
        return null;
    }
}
