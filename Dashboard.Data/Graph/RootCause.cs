namespace Dashboard.Data.Graph;

/// <summary>
/// Picks the root-cause service of an incident's dependency graph, so no extra field has to be kept
/// in step with the catalog. Rule: among the graph's sources (services that depend on nothing else
/// drawn; the graph holds the affected services plus everything they depend on), the one whose
/// dependents cover the most affected services; ties go to the affected one, then by name. For the
/// Cloudflare outage that is the ClickHouse cluster, upstream of seven of the eight affected
/// services, while Email Security, impaired on its own, is a source that explains only itself.
/// </summary>
public static class RootCause
{
    public static int? Find(ServiceGraph graph, IReadOnlySet<int> nodes, IReadOnlySet<int> affected, Func<int, string> nameOf)
    {
        if (affected.Count == 0) return null;
        var sources = nodes.Where(n => !graph.DependenciesOf(n).Any(nodes.Contains));
        return sources
            .Select(s => (Id: s, Covered: graph.BlastRadius(s).Keys.Append(s).Count(affected.Contains)))
            .Where(s => s.Covered > 0)
            .OrderByDescending(s => s.Covered).ThenByDescending(s => affected.Contains(s.Id)).ThenBy(s => nameOf(s.Id), StringComparer.OrdinalIgnoreCase)
            .Select(s => (int?)s.Id).FirstOrDefault();
    }
}
