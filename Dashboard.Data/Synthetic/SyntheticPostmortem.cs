using System.Text;

namespace Dashboard.Data.Synthetic;

/// <summary>
/// A postmortem for a synthetic incident, written like a real one (summary, impact, what happened,
/// contributing factors, what surprised us, what went well), so full-text search is measured on text
/// with a realistic spread of common and rare words. It draws from its own random stream, seeded by
/// the data set's seed and the incident's index, so the rest of the data set stays as it was.
/// </summary>
public static class SyntheticPostmortem
{
    private static readonly string[] Openings =
    [
        "Customers saw {problem} on the {component} for {minutes} minutes.",
        "A {change} to the {component} caused {problem} for {group} customers.",
        "For {minutes} minutes the {component} answered slowly or not at all, after a {change}.",
        "The {component} ran out of {resource} and {problem} followed across {group}.",
    ];
    private static readonly string[] Changes =
    [
        "configuration push", "schema migration", "dependency upgrade", "feature flag flip", "certificate rotation", "kernel patch",
        "load balancer change", "firewall rule update", "autoscaling policy change", "library upgrade", "database failover", "DNS record change",
    ];
    private static readonly string[] Resources =
    [
        "file descriptors", "connection pool slots", "disk space", "memory", "CPU quota", "inodes", "ephemeral ports", "thread pool workers", "IOPS budget",
    ];
    private static readonly string[] Observations =
    [
        "The dashboards stayed green because the health check only probed the {component}'s port, not its answers.",
        "Retries from the clients doubled the load while the {component} was already struggling.",
        "The rollback itself took {minutes} minutes because the previous build had been garbage-collected from the registry.",
        "On-call first suspected the {component2}, since it had paged the week before for a similar {problem}.",
        "The alert fired, but it was routed to a channel nobody watched at night.",
        "A runbook existed, but it described the {component} as it was before last year's migration.",
        "Canary hosts showed the regression within two minutes, but the canary stage was skipped for {change}s.",
        "The {resource} limit had been raised twice before without anyone writing down why.",
        "Traffic shifted to the secondary region, which had never carried more than a third of the load.",
        "The status page was updated {minutes} minutes after customers started reporting errors on social media.",
        "The {component2} kept a stale copy of the configuration and served it for hours after the fix.",
        "Engineers could not reach the bastion host because it authenticated against the failing {component}.",
        "Synthetic probes from three continents disagreed, which made the blast radius hard to judge.",
        "The deploy pipeline reported success because its smoke test accepted any 2xx or 5xx answer from the {component}.",
        "Queue depth grew to {count} messages before the consumers were scaled out by hand.",
        "A throttling rule meant for abusive clients also matched the {group} batch jobs.",
    ];
    private static readonly string[] Surprises =
    [
        "That the {component} had no timeout on calls to the {component2}.",
        "How long the caches kept serving the bad {resource} figures after the fix.",
        "That the {change} had been tested, but only against an empty database.",
        "That two teams owned the {component}, and each thought the other was on call.",
        "That the backup {component2} shared the same {resource} limit as the primary.",
        "How quickly the error budget for the quarter was spent: {percent}% in one afternoon.",
    ];
    private static readonly string[] WentWell =
    [
        "The incident channel was opened within five minutes and the commander was named at once.",
        "Feature flags let us turn the new code path off without a deploy.",
        "Customer support had a prepared message ready for the most affected accounts.",
        "The database snapshots were recent, so no data was lost.",
        "A responder from the {group} team recognised the symptom from an earlier incident.",
    ];
    private static readonly string[] Factors =
    [
        "change: the {change} went to every region at once instead of in stages",
        "latent defect: the {component} assumed {resource} would never run out",
        "capacity: headroom on the {component2} had shrunk after last quarter's consolidation",
        "dependency: the {component} depends on the {component2} for every request, including health checks",
        "detection: no alert watched the {component}'s error ratio, only its availability",
        "tooling: the rollback tool needed the {component} it was meant to repair",
        "process: the change review did not ask how to undo the {change}",
        "communication: the status page and the support macros told customers different things",
        "knowledge: only one engineer knew how the {component2} was configured",
    ];

    public static string Write(int seed, int index, string title, string group, string component, string problem)
    {
        var random = new Random(unchecked(seed * 1_000_003 + index)); // not HashCode: it differs per process
        var components = new[] { "API", "gateway", "database", "cache", "queue", "scheduler", "frontend", "worker", "indexer", "auth service", "object store", "service mesh" };
        string Fill(string template) => template
            .Replace("{problem}", problem).Replace("{component}", component).Replace("{group}", group)
            .Replace("{component2}", components[random.Next(components.Length)])
            .Replace("{change}", Changes[random.Next(Changes.Length)]).Replace("{resource}", Resources[random.Next(Resources.Length)])
            .Replace("{minutes}", (5 + random.Next(240)).ToString()).Replace("{count}", (10_000 + random.Next(5_000_000)).ToString("N0"))
            .Replace("{percent}", (20 + random.Next(80)).ToString());
        IEnumerable<string> Some(string[] pool, int min, int max) =>
            Enumerable.Range(0, min + random.Next(max - min + 1)).Select(_ => pool[random.Next(pool.Length)]).Distinct().Select(Fill);

        var text = new StringBuilder();
        text.AppendLine($"# Postmortem: {title}").AppendLine();
        text.AppendLine("## Summary").AppendLine().AppendLine(Fill(Openings[random.Next(Openings.Length)])).AppendLine();
        text.AppendLine("## What happened").AppendLine().AppendLine(string.Join(" ", Some(Observations, 3, 6))).AppendLine();
        text.AppendLine("## Contributing factors").AppendLine();
        foreach (var factor in Some(Factors, 2, 4)) text.AppendLine($"- {factor}");
        text.AppendLine().AppendLine("## What surprised us").AppendLine();
        foreach (var surprise in Some(Surprises, 1, 2)) text.AppendLine($"- {surprise}");
        text.AppendLine().AppendLine("## What went well").AppendLine();
        foreach (var good in Some(WentWell, 1, 3)) text.AppendLine($"- {good}");
        return text.ToString();
    }
}
