namespace Dashboard.Data.Seeding;

/// <summary>A seed file that was imported, so each file is imported once and restarts add nothing.</summary>
public class SeedFile
{
    public int Id { get; set; }
    public required string FileName { get; set; }
    public required string Sha256 { get; set; }
    public DateTime ImportedAt { get; set; }
}
