using Dashboard.Data.Actions;
using Dashboard.Data.Catalog;
using Dashboard.Data.Changes;
using Dashboard.Data.Impact;
using Dashboard.Data.Incidents;
using Dashboard.Data.Timeline;


namespace Dashboard.Data.Synthetic;

/// <summary>Size of a generated data set.</summary>
/// <param name="ChangesPerService">Change events per service, spread over <see cref="SyntheticData.ChangesYear"/> (issue #29's scale: 500 for 2,000 services).</param>
public sealed record SyntheticSize(int Incidents, int EventsPerIncident, int ActionsPerIncident, int Services = 200, int ChangesPerService = 0)
{
    public static readonly SyntheticSize Small = new(50, 20, 4, 30);
    /// <summary>The size the issues' speed targets are stated for: 10,000 incidents, 500,000 events, 100,000 actions.</summary>
    public static readonly SyntheticSize Benchmark = new(10_000, 50, 10, 2_000);
}

/// <summary>
/// Deterministic synthetic incidents for tests and benchmarks: the same seed gives the same data,
/// so a benchmark run can be repeated and compared. The shapes follow real incidents: phases in
/// order, events spread over the incident in phase order, impacts of a few services, actions with
/// owners, due dates and mixed statuses.
/// </summary>
public sealed class SyntheticData(int seed)
{
    private static readonly DateTime Epoch = new(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Groups = ["Payments", "Identity", "Search", "Storage", "Edge", "Messaging", "Data", "Mobile", "Billing", "Platform"];
    private static readonly string[] Components = ["API", "gateway", "database", "cache", "queue", "scheduler", "frontend", "worker", "indexer", "auth service"];
    private static readonly string[] Problems = ["latency spike", "elevated 5xx errors", "partial outage", "failed deploy", "certificate expiry", "DNS misconfiguration", "capacity exhaustion", "data replication lag", "memory leak", "config push regression"];
    private static readonly string[] People = ["alex", "sam", "kim", "jo", "lee", "max", "ana", "raj", "eva", "tom"];
    private static readonly EventKind[] PhaseKinds = [EventKind.Trigger, EventKind.Detection, EventKind.Escalation, EventKind.Investigation, EventKind.Mitigation, EventKind.Communication, EventKind.Recovery, EventKind.Resolution];

    private readonly Random _random = new(seed);
    /// <summary>Changes draw from their own sequence, so adding them leaves the incidents of a seed as they were.</summary>
    private readonly Random _changes = new(unchecked(seed * 31 + 29));
    private static readonly string[] ChangeKinds = ["Deploy", "Deploy", "Deploy", "Config", "FeatureFlag", "Infrastructure", "DataMigration", "Other"];

    /// <summary>The year the synthetic changes fall in: the middle of the incidents' three years, so every incident of it has a full window.</summary>
    public static readonly DateTime ChangesYear = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// <paramref name="perService"/> changes for each service (ids of services already stored), each touching that one
    /// service at a random second of <see cref="ChangesYear"/>, mostly deploys. Lazy: a million are written in batches.
    /// </summary>
    public IEnumerable<ChangeEvent> ChangeEvents(IReadOnlyList<int> serviceIds, int perService)
    {
        var n = 0;
        var seconds = (int)(ChangesYear.AddYears(1) - ChangesYear).TotalSeconds;
        foreach (var serviceId in serviceIds)
            for (var i = 0; i < perService; i++, n++)
            {
                var at = ChangesYear.AddSeconds(_changes.Next(seconds));
                var kind = Enum.Parse<ChangeKind>(ChangeKinds[_changes.Next(ChangeKinds.Length)]);
                var person = People[_changes.Next(People.Length)];
                yield return new ChangeEvent
                {
                    ExternalId = $"synthetic:{n}", Kind = kind, Title = $"{ChangeRules.Name(kind)} {n} of service {serviceId}", Environment = "production",
                    StartedAt = at, Author = kind == ChangeKind.Deploy ? "deploy-pipeline" : person,
                    Origin = "api", RecordedAt = at, Version = new Guid(_changes.Next(), 0, 0, new byte[8]),
                    Services = [new ChangeService { ServiceId = serviceId, StartedAt = at }],
                };
            }
    }

    public List<Service> Services(int count)
    {
        var services = new List<Service>(count);
        for (var i = 0; i < count; i++)
        {
            var group = Groups[i % Groups.Length];
            services.Add(new Service
            {
                Key = $"svc-{i:D4}",
                Name = $"{group} {Components[i / Groups.Length % Components.Length]} {i:D4}",
                Group = group,
                Tier = 1 + _random.Next(4),
                Description = $"Synthetic {group.ToLowerInvariant()} service",
            });
        }
        // Edges only point to lower indexes, so the graph is acyclic by construction.
        for (var i = 1; i < count; i++)
            foreach (var target in Enumerable.Range(0, Math.Min(i, 1 + _random.Next(8))).Select(_ => _random.Next(i)).Distinct())
                services[i].DependsOn.Add(new ServiceDependency { Service = services[i], DependsOnService = services[target] });
        return services;
    }

    /// <summary>One incident; <paramref name="serviceIds"/> are the ids of services already in the database.</summary>
    public Incident Incident(int index, SyntheticSize size, IReadOnlyList<int> serviceIds)
    {
        var started = Epoch.AddMinutes(_random.Next(3 * 365 * 24 * 60));
        var triggered = started.AddMinutes(-_random.Next(0, 30));
        DateTime? detected = _random.Next(20) == 0 ? null : started.AddMinutes(1 + _random.Next(60));
        var acknowledged = (detected ?? started).AddMinutes(_random.Next(15));
        var mitigated = acknowledged.AddMinutes(10 + _random.Next(300));
        var resolved = mitigated.AddMinutes(_random.Next(600));
        var severity = (Severity)(1 + Math.Min(3, (int)Math.Floor(Math.Pow(_random.NextDouble(), 0.7) * 4)));
        var group = Groups[_random.Next(Groups.Length)];
        var component = Components[_random.Next(Components.Length)];
        var problem = Problems[_random.Next(Problems.Length)];
        var title = $"{group} {component} {problem}";
        var incident = new Incident
        {
            Slug = $"{Slugs.FromTitle(title, started)}-{index:D6}",
            Title = title,
            Organisation = group,
            Severity = severity,
            Status = _random.Next(10) == 0 ? IncidentStatus.Monitoring : IncidentStatus.Closed,
            Commander = People[_random.Next(People.Length)],
            Tags = $"{group.ToLowerInvariant()},synthetic",
            TriggeredAt = triggered, StartedAt = started, DetectedAt = detected, AcknowledgedAt = acknowledged,
            MitigatedAt = mitigated, ResolvedAt = resolved,
            Summary = $"Synthetic incident {index}: {title.ToLowerInvariant()} affecting {group} customers.",
            RootCause = "A synthetic root cause for load testing.",
            PostmortemStatus = (PostmortemStatus)_random.Next(3),
            PostmortemMarkdown = SyntheticPostmortem.Write(seed, index, title, group, component, problem),
            CreatedAt = triggered, UpdatedAt = resolved, Version = Guid.NewGuid(),
        };
        AddEvents(incident, size.EventsPerIncident);
        AddImpacts(incident, serviceIds);
        AddActions(incident, size.ActionsPerIncident);
        return incident;
    }

    private void AddEvents(Incident incident, int count)
    {
        var from = incident.TriggeredAt!.Value;
        var span = (incident.ResolvedAt!.Value - from).TotalMinutes;
        for (var e = 0; e < count; e++)
        {
            var at = from.AddMinutes(Math.Round(span * e / Math.Max(1, count - 1)) + e % 3 * 0.1);
            var kind = PhaseKinds[Math.Min(PhaseKinds.Length - 1, e * PhaseKinds.Length / Math.Max(1, count))];
            incident.Events.Add(new TimelineEvent
            {
                OccurredAt = at, Kind = kind, Source = EventSource.Manual,
                Author = People[_random.Next(People.Length)],
                Text = $"{kind} step {e}: {Problems[_random.Next(Problems.Length)]} observed on {Components[_random.Next(Components.Length)]}.",
                IsKey = e == 0 || e == count - 1 || _random.Next(12) == 0,
            });
        }
    }

    private void AddImpacts(Incident incident, IReadOnlyList<int> serviceIds)
    {
        if (serviceIds.Count == 0) return;
        foreach (var serviceId in Enumerable.Range(0, 1 + _random.Next(5)).Select(_ => serviceIds[_random.Next(serviceIds.Count)]).Distinct())
        {
            var start = incident.StartedAt!.Value.AddMinutes(_random.Next(20));
            incident.Impacts.Add(new ServiceImpact
            {
                ServiceId = serviceId, Level = (ImpactLevel)(1 + _random.Next(3)),
                StartedAt = start, EndedAt = start.AddMinutes(5 + _random.Next((int)(incident.ResolvedAt!.Value - start).TotalMinutes + 5)),
            });
        }
    }

    private void AddActions(Incident incident, int count)
    {
        for (var a = 0; a < count; a++)
        {
            var status = (ActionStatus)_random.Next(4);
            var created = incident.ResolvedAt!.Value.AddDays(1);
            var action = new RemediationAction
            {
                Title = $"{(ActionKind)(a % 4)}: {Problems[_random.Next(Problems.Length)]} follow-up {a}",
                Owner = _random.Next(8) == 0 ? null : People[_random.Next(People.Length)],
                Team = incident.Organisation,
                Priority = (ActionPriority)_random.Next(4),
                Kind = (ActionKind)(a % 4),
                Status = status,
                WontDoReason = status == ActionStatus.WontDo ? "Superseded by a platform change." : null,
                DueDate = _random.Next(6) == 0 ? null : DateOnly.FromDateTime(created.AddDays(7 + _random.Next(90))),
                CompletedAt = status == ActionStatus.Done ? created.AddDays(_random.Next(60)) : null,
                CreatedAt = created, UpdatedAt = created, Version = Guid.NewGuid(),
            };
            action.StatusHistory = History(action);
            incident.Actions.Add(action);
        }
    }

    /// <summary>
    /// A status history consistent with the action, without drawing from the random stream (so the
    /// data set stays the same for a seed): opened when created, started a day later, closed at its
    /// completion (done) or a month after it was opened (won't do).
    /// </summary>
    private static List<ActionStatusChange> History(RemediationAction action)
    {
        var created = action.CreatedAt;
        var history = new List<ActionStatusChange> { new() { Status = ActionStatus.Open, At = created } };
        var closedAt = action.Status switch
        {
            ActionStatus.Done => action.CompletedAt,
            ActionStatus.WontDo => created.AddDays(30),
            _ => null,
        };
        if (action.Status == ActionStatus.InProgress || closedAt > created.AddDays(1))
            history.Add(new() { Status = ActionStatus.InProgress, At = created.AddDays(1) });
        if (closedAt is { } closed) history.Add(new() { Status = action.Status, At = closed });
        return history;
    }
}
