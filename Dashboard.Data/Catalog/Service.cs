namespace Dashboard.Data.Catalog;

public class Service : IDoorRow
{
    DoorAddress IDoorRow.Address => new(Id, Key, null, Version);

    public int Id { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public required string Group { get; set; }
    public string? Description { get; set; }
    public string? OwnerTeam { get; set; }
    public int Tier { get; set; }
    /// <summary>
    /// Retired from the catalog but kept, because incidents still refer to it: hidden from pickers,
    /// still shown in history.
    /// </summary>
    public bool IsArchived { get; set; }
    /// <summary>Availability objective as a fraction (0.999); null: the service has no SLO and no error budget.</summary>
    public double? SloTarget { get; set; }
    public SloWindow SloWindow { get; set; } = SloWindow.Rolling30Days;
    /// <summary>Share of a minute charged to the budget per impact level.</summary>
    public double WeightMajorOutage { get; set; } = 1.0;
    public double WeightPartialOutage { get; set; } = 0.5;
    public double WeightDegraded { get; set; } = 0.1;
    public Guid Version { get; set; }

    /// <summary>Edges where this service is the dependent (this depends on the other).</summary>
    public List<ServiceDependency> DependsOn { get; set; } = [];
}

public class ServiceDependency
{
    public int ServiceId { get; set; }
    public Service? Service { get; set; }
    public int DependsOnServiceId { get; set; }
    public Service? DependsOnService { get; set; }
}
