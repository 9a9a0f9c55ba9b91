using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Data.Seeding;

/// <summary>
/// Imports the seed folder: the service catalog first, then one incident per file. Each file is
/// validated whole and written in one transaction together with its <see cref="SeedFile"/> record,
/// so a file is imported exactly once and a bad file leaves nothing behind.
/// </summary>
public sealed class Seeder(IDbContextFactory<IncidentBoardDbContext> dbFactory, SeedReport report, TimeProvider clock, ILogger<Seeder> logger)
{
    public const string CatalogFileName = "services.json";
    public const string PostmortemSuffix = ".postmortem.md";

    public async Task RunAsync(string directory, CancellationToken ct = default)
    {
        var results = new List<SeedFileResult>();
        if (!System.IO.Directory.Exists(directory))
        {
            logger.LogWarning("Seed folder {Directory} does not exist; nothing seeded", directory);
            report.Set(directory, "The seed folder does not exist.", results, clock.GetUtcNow().UtcDateTime);
            return;
        }

        var files = System.IO.Directory.GetFiles(directory, "*.json")
            .OrderBy(f => Path.GetFileName(f) == CatalogFileName ? 0 : 1).ThenBy(f => f, StringComparer.Ordinal).ToList();
        HashSet<string> imported;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            imported = [.. await db.SeedFiles.Select(s => s.FileName).ToListAsync(ct)];

        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            if (imported.Contains(name))
            {
                results.Add(new SeedFileResult(name, SeedOutcome.AlreadyImported, "imported at an earlier start", []));
                continue;
            }
            var result = name == CatalogFileName ? await ImportCatalogAsync(file, ct) : await ImportIncidentAsync(file, ct);
            if (result.Outcome == SeedOutcome.Rejected)
                logger.LogError("Seed file {File} rejected, nothing of it was written: {Problems}", name, string.Join("; ", result.Problems));
            else
                logger.LogInformation("Seed file {File} imported: {Summary}", name, result.Summary);
            results.Add(result);
        }
        report.Set(directory, null, results, clock.GetUtcNow().UtcDateTime);
    }

    private async Task<SeedFileResult> ImportCatalogAsync(string path, CancellationToken ct)
    {
        var name = Path.GetFileName(path);
        var (doc, sha, readError) = await SeedFileReader.ReadAsync<ServiceCatalogDocument>(path, ct);
        if (doc is null) return Rejected(name, readError!);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = (await db.Services.Select(s => s.Key).ToListAsync(ct)).ToHashSet();
        var (services, errors) = ServiceCatalogValidator.Validate(doc, existing);
        if (errors.Any) return new SeedFileResult(name, SeedOutcome.Rejected, "rejected", errors.Items);

        db.Services.AddRange(services);
        return await SaveWithRecordAsync(db, name, sha, $"{Count(services.Count, "service")}, {Count(services.Sum(s => s.DependsOn.Count), "dependency", "dependencies")}", ct);
    }

    private async Task<SeedFileResult> ImportIncidentAsync(string path, CancellationToken ct)
    {
        var name = Path.GetFileName(path);
        var (doc, sha, readError) = await SeedFileReader.ReadAsync<IncidentDocument>(path, ct);
        if (doc is null) return Rejected(name, readError!);

        var postmortem = await ReadPostmortemAsync(path, ct);
        if (postmortem is { Error: { } postmortemError }) return Rejected(name, postmortemError);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Explicit, because services the file brings are saved before the incident that refers to them.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (incident, errors) = await IncidentDocumentImport.AddAsync(db, doc, clock.GetUtcNow().UtcDateTime, DocumentRules.SeedFile, ct);
        if (incident is null) return new SeedFileResult(name, SeedOutcome.Rejected, "rejected", errors);
        incident.PostmortemMarkdown = postmortem?.Text;

        var result = await SaveWithRecordAsync(db, name, sha,
            $"{incident.Slug}: {Count(incident.Events.Count, "event")}, {Count(incident.Impacts.Count, "impact window")}, {Count(incident.Actions.Count, "action")}", ct);
        if (result.Outcome == SeedOutcome.Imported) await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// The incident's postmortem, when the seed folder has one beside it (x.json → x.postmortem.md):
    /// Markdown reads better as its own file than as one long JSON string.
    /// </summary>
    private static async Task<(string? Text, string? Error)?> ReadPostmortemAsync(string jsonPath, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetDirectoryName(jsonPath)!, Path.GetFileNameWithoutExtension(jsonPath) + PostmortemSuffix);
        if (!File.Exists(path)) return null;
        var text = (await File.ReadAllTextAsync(path, ct)).Replace("\r\n", "\n");
        return text.Length > Limits.PostmortemLength
            ? (null, $"{Path.GetFileName(path)}: {text.Length:N0} characters; the limit is {Limits.PostmortemLength:N0}")
            : (string.IsNullOrWhiteSpace(text) ? null : text, null);
    }

    private async Task<SeedFileResult> SaveWithRecordAsync(IncidentBoardDbContext db, string name, string sha, string summary, CancellationToken ct)
    {
        db.SeedFiles.Add(new SeedFile { FileName = name, Sha256 = sha, ImportedAt = clock.GetUtcNow().UtcDateTime });
        try
        {
            // One SaveChanges is one transaction: the file's rows and its record land together or not at all.
            await db.SaveChangesAsync(ct);
            return new SeedFileResult(name, SeedOutcome.Imported, summary, []);
        }
        catch (DbUpdateException ex)
        {
            return Rejected(name, $"the database refused it: {ex.InnerException?.Message ?? ex.Message}");
        }
    }

    private static string Count(int n, string one, string? many = null) => $"{n} {(n == 1 ? one : many ?? one + "s")}";

    private static SeedFileResult Rejected(string name, string problem) => new(name, SeedOutcome.Rejected, "rejected", [problem]);
}
