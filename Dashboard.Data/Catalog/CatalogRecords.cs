namespace Dashboard.Data.Catalog;

public sealed record ServiceRef(int Id, string Key, string Name, string Group, bool IsArchived)
{
    /// <summary>Whether a picker's search text finds this service: empty text finds all, otherwise part of the name or group.</summary>
    public bool Matches(string? text) => string.IsNullOrWhiteSpace(text)
        || Name.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase) || Group.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>How many services a picker lists for one search: enough to choose from, few enough to read.</summary>
    public const int PickerLimit = 50;

    /// <summary>What a service picker offers for the typed text, in the catalog's order, leaving out <paramref name="except"/>.</summary>
    public static IEnumerable<ServiceRef> Offer(IEnumerable<ServiceRef> choices, string? text, IReadOnlySet<int>? except = null) =>
        choices.Where(s => (except is null || !except.Contains(s.Id)) && s.Matches(text)).Take(PickerLimit);
}

public sealed record ServiceListItem(int Id, string Key, string Name, string Group, string? OwnerTeam, int Tier, bool IsArchived,
    int DependsOnCount, int DependentCount, int IncidentCount);

public sealed record ServiceDetail(int Id, string Key, string Name, string Group, string? Description, string? OwnerTeam, int Tier,
    bool IsArchived, Guid Version, IReadOnlyList<ServiceRef> DependsOn, IReadOnlyList<ServiceRef> Dependents)
{
    /// <summary>The services this one cannot be made to depend on again: itself and what it already depends on.</summary>
    public IReadOnlySet<int> ItselfAndDependencies => DependsOn.Select(d => d.Id).Append(Id).ToHashSet();
}

/// <summary>One incident that touched a service: its worst level there and the minutes of impact (overlaps counted once).</summary>
public sealed record ServiceIncidentRow(string Slug, string Title, Severity Severity, DateTime? StartedAt, ImpactLevel WorstLevel,
    int Windows, double? ImpactMinutes);

/// <summary>A service's incidents, newest first, and its impact minutes inside the chosen period.</summary>
public sealed record ServiceHistory(IReadOnlyList<ServiceIncidentRow> Incidents, double PeriodMinutes, DateTime? Since)
{
    public ServiceIncidentRow? Last => Incidents.FirstOrDefault();
}

public sealed record Dependent(ServiceRef Service, int Hops);

/// <summary>Everything that depends on a service, directly (1 hop) or transitively, nearest first.</summary>
public sealed record BlastRadiusResult(int ServiceId, IReadOnlyList<Dependent> Dependents)
{
    public int Count => Dependents.Count;

    public string Names => string.Join(", ", Dependents.Select(d => d.Service.Name));
}
