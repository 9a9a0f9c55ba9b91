namespace Dashboard.Data.Budgets;

/// <summary>One affected service's charge from one incident; <see cref="Slo"/> and the figures are null when the service has no SLO.</summary>
public sealed record ServiceBudgetLine(string ServiceKey, string ServiceName, Slo? Slo, double ImpactMinutes, BudgetUse? Use);

/// <summary>The incident's charges to its services' budgets, and whether they make a postmortem required.</summary>
public sealed record IncidentBudget(IReadOnlyList<ServiceBudgetLine> Services, double RequiredShare)
{
    public static IncidentBudget None { get; } = new([], 0.2);

    /// <summary>The services whose budget this incident took more than the configured share of.</summary>
    public IReadOnlyList<ServiceBudgetLine> OverThreshold => [.. Services.Where(s => s.Use is { } u && u.Share > RequiredShare)];

    public bool RequiresPostmortem => OverThreshold.Count > 0;

    /// <summary>Those services' names, as the postmortem and the incident page say them.</summary>
    public string OverThresholdNames => string.Join(", ", OverThreshold.Select(s => s.ServiceName));
}

/// <summary>A service's burn over the review period, as points of the share of budget consumed in its window.</summary>
public sealed record ServiceBurn(string ServiceKey, string ServiceName, Slo Slo, IReadOnlyList<(DateTime At, double Share)> Points)
{
    public double Peak => Points.Count == 0 ? 0 : Points.Max(p => p.Share);
    public bool Exhausted => Peak >= 1;
}

/// <summary>One incident's heaviest charge to one service.</summary>
public sealed record IncidentCharge(string Slug, string Title, DateTime? StartedAt, string ServiceName, double ChargedMinutes, double Share, bool HasPublishedPostmortem);

public sealed record BudgetReview(IReadOnlyList<ServiceBurn> Burns, IReadOnlyList<IncidentCharge> TopCharges,
    IReadOnlyList<IncidentCharge> MissingRequiredPostmortems, double RequiredShare)
{
    public IReadOnlyList<ServiceBurn> Exhausted => [.. Burns.Where(b => b.Exhausted).OrderByDescending(b => b.Peak)];

    public string MissingRequiredTitles => string.Join("; ", MissingRequiredPostmortems.Select(c => c.Title));
}
