namespace Dashboard.Data.Seeding;

public enum SeedOutcome { Imported, AlreadyImported, Rejected, Upgraded }

public sealed record SeedFileResult(string FileName, SeedOutcome Outcome, string Summary, IReadOnlyList<string> Problems);

/// <summary>What the seeder did at start-up, kept for the Status page (a singleton).</summary>
public sealed class SeedReport
{
    private readonly Lock _gate = new();
    private List<SeedFileResult> _files = [];

    public string? Directory { get; private set; }
    public string? DirectoryProblem { get; private set; }
    public DateTime? RanAt { get; private set; }

    public IReadOnlyList<SeedFileResult> Files { get { lock (_gate) return [.. _files]; } }
    public IReadOnlyList<SeedFileResult> Rejected => [.. Files.Where(f => f.Outcome == SeedOutcome.Rejected)];

    internal void Set(string directory, string? problem, List<SeedFileResult> files, DateTime ranAt)
    {
        lock (_gate)
        {
            Directory = directory;
            DirectoryProblem = problem;
            _files = files;
            RanAt = ranAt;
        }
    }
}
