using Dashboard.Data.Factors;
using Dashboard.Data.Incidents;

namespace Dashboard.Data.Themes;

/// <summary>
/// A theme across incidents ("config pushes", "expired certificates"): a free tag with a description,
/// made by admins, carried by incidents and by contributing factors. An incident is under a theme when
/// it carries it or one of its factors does; the review counts the period's incidents per theme.
/// </summary>
public class Theme : IDoorRow
{
    DoorAddress IDoorRow.Address => new(Id, Name, null, Version);

    public int Id { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public List<Incident> Incidents { get; set; } = [];
    public List<Factor> Factors { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; }
}
