namespace Dashboard.Data.Incidents;

/// <summary>A public document the incident record is built from, so a reader can check every row.</summary>
public class IncidentSource : IIncidentRow
{
    IEnumerable<int> IIncidentRow.IncidentIds => [IncidentId];

    public int Id { get; set; }
    public int IncidentId { get; set; }
    /// <summary>Short tag that events cite, e.g. "CF1".</summary>
    public string? Ref { get; set; }
    public required string Title { get; set; }
    /// <summary>Null for a source known only by name (e.g. a quoted document with no public address).</summary>
    public string? Url { get; set; }
    public SourceGrade? Grade { get; set; }
    public int SortOrder { get; set; }
}
