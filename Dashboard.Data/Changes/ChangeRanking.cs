using Dashboard.Data.Graph;
using Dashboard.Data.Catalog;

namespace Dashboard.Data.Changes;

/// <summary>How a change's nearest service stands to the incident's impacted services in the dependency graph.</summary>
public enum ChangeRelation { Impacted, Upstream, Unrelated }

/// <summary>A change as the ranking sees it: when, and which services.</summary>
public sealed record ChangeCandidate(int Id, DateTime StartedAt, IReadOnlyList<int> ServiceIds);

/// <summary>One ranked change: its place, the service that put it there, and why, in words.</summary>
public sealed record ChangeScore(ChangeCandidate Change, int Rank, ChangeRelation Relation, int ServiceId, int Hops, int ImpactedDownstream,
    TimeSpan BeforeStart, string Reason);

/// <summary>
/// Ranks the changes around an incident by how plausibly each explains its impact. Deterministic, so
/// the same data always gives the same order, and each row says why it sits where it does. The rule,
/// in order: a change to an impacted service; then a change upstream of impacted services, closer in
/// the graph first; among equals, the service with more impacted services downstream (its blast
/// radius within this incident); then a change before the start ahead of one after it, and the one
/// closer to the start first; then the one recorded first (its id). A change that reaches no impacted service ranks
/// below every one that does, however close in time.
/// </summary>
public static class ChangeRanking
{
    /// <summary>Where each service stands: hops to its nearest impacted dependent (0 if impacted), that dependent, and how many impacted services depend on it.</summary>
    public sealed record Reach(int Hops, int Nearest, int ImpactedDownstream);

    /// <summary>
    /// Walks down from each impacted service through what it depends on: O(impacted × (services + edges)),
    /// and the impacted set is small, so this stays cheap on a catalog of thousands.
    /// </summary>
    public static Dictionary<int, Reach> ReachOf(ServiceGraph graph, IReadOnlySet<int> impacted, Func<int, string> keyOf)
    {
        var hops = new Dictionary<int, (int Hops, int Nearest)>();
        var counts = new Dictionary<int, int>();
        foreach (var a in impacted.OrderBy(keyOf, StringComparer.Ordinal))
        {
            Better(hops, a, 0, a, keyOf);
            var seen = new HashSet<int> { a };
            var queue = new Queue<(int Service, int Depth)>();
            queue.Enqueue((a, 0));
            while (queue.Count > 0)
            {
                var (node, depth) = queue.Dequeue();
                foreach (var next in graph.DependenciesOf(node))
                {
                    if (!seen.Add(next)) continue;
                    counts[next] = counts.GetValueOrDefault(next) + 1;
                    Better(hops, next, depth + 1, a, keyOf);
                    queue.Enqueue((next, depth + 1));
                }
            }
        }
        return hops.ToDictionary(h => h.Key, h => new Reach(h.Value.Hops, h.Value.Nearest, counts.GetValueOrDefault(h.Key)));
    }

    public static List<ChangeScore> Rank(IEnumerable<ChangeCandidate> changes, IReadOnlyDictionary<int, Reach> reach, DateTime start, Func<int, string> keyOf)
    {
        var scored = changes.Select(c => Score(c, reach, start, keyOf)).ToList();
        scored.Sort(Compare);
        return [.. scored.Select((s, n) => s with { Rank = n + 1 })];
    }

    private static int Compare(ChangeScore x, ChangeScore y)
    {
        int c;
        if ((c = x.Relation.CompareTo(y.Relation)) != 0) return c;
        if ((c = x.Hops.CompareTo(y.Hops)) != 0) return c;
        if ((c = y.ImpactedDownstream.CompareTo(x.ImpactedDownstream)) != 0) return c;
        // Before the start (BeforeStart >= 0) ahead of after it; then nearer the start.
        if ((c = (x.BeforeStart < TimeSpan.Zero).CompareTo(y.BeforeStart < TimeSpan.Zero)) != 0) return c;
        if ((c = x.BeforeStart.Duration().CompareTo(y.BeforeStart.Duration())) != 0) return c;
        return x.Change.Id.CompareTo(y.Change.Id);
    }

    private static ChangeScore Score(ChangeCandidate change, IReadOnlyDictionary<int, Reach> reach, DateTime start, Func<int, string> keyOf)
    {
        var before = start - change.StartedAt;
        var best = change.ServiceIds
            .Select(s => (Service: s, Reach: reach.GetValueOrDefault(s)))
            .OrderBy(x => x.Reach is null ? 1 : 0).ThenBy(x => x.Reach?.Hops ?? 0).ThenByDescending(x => x.Reach?.ImpactedDownstream ?? 0)
            .ThenBy(x => keyOf(x.Service), StringComparer.Ordinal)
            .FirstOrDefault();
        var when = When(before);
        if (best.Reach is not { } r)
        {
            var keys = string.Join(", ", change.ServiceIds.Select(keyOf).Order(StringComparer.Ordinal));
            return new ChangeScore(change, 0, ChangeRelation.Unrelated, best.Service, int.MaxValue, 0, before,
                $"touched {keys}, not connected to the impacted services in the catalog; {when}");
        }
        var key = keyOf(best.Service);
        var downstream = r.ImpactedDownstream == 0 ? "" : $"; upstream of {Count(r.ImpactedDownstream, "impacted service")}";
        if (r.Hops == 0)
            return new ChangeScore(change, 0, ChangeRelation.Impacted, best.Service, 0, r.ImpactedDownstream, before,
                $"touched {key}, an impacted service{downstream}; {when}");
        return new ChangeScore(change, 0, ChangeRelation.Upstream, best.Service, r.Hops, r.ImpactedDownstream, before,
            $"touched {key}, which {keyOf(r.Nearest)} depends on, {Count(r.Hops, "hop")}{downstream}; {when}");
    }

    /// <summary>"15 min before the start", "2 h 5 min after the start", "at the start".</summary>
    public static string When(TimeSpan beforeStart)
    {
        if (beforeStart.Duration() < TimeSpan.FromMinutes(1)) return "at the start";
        var span = Durations.Format(beforeStart.Duration()).Replace(" m", " min");
        return beforeStart > TimeSpan.Zero ? $"{span} before the start" : $"{span} after the start";
    }

    private static string Count(int n, string one) => $"{n} {one}{(n == 1 ? "" : "s")}";

    private static void Better(Dictionary<int, (int Hops, int Nearest)> hops, int service, int depth, int from, Func<int, string> keyOf)
    {
        if (!hops.TryGetValue(service, out var had) || depth < had.Hops
            || (depth == had.Hops && string.CompareOrdinal(keyOf(from), keyOf(had.Nearest)) < 0))
            hops[service] = (depth, from);
    }
}
