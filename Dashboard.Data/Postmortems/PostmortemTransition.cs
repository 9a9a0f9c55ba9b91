namespace Dashboard.Data.Postmortems;

/// <summary>One move of a postmortem through review (Draft → In review → Published, or a reopen), kept so a reader can see who moved it and when.</summary>
public class PostmortemTransition : IIncidentRow
{
    IEnumerable<int> IIncidentRow.IncidentIds => [IncidentId];

    public int Id { get; set; }
    public int IncidentId { get; set; }
    public PostmortemStatus From { get; set; }
    public PostmortemStatus To { get; set; }
    public required string By { get; set; }
    public string? Note { get; set; }
    public DateTime At { get; set; }
}
