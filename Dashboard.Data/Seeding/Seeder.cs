using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Dashboard.Data.Changes;

namespace Dashboard.Data.Seeding;

/// <summary>
/// Imports the seed folder: the service catalog first, then one incident per file. Each file is
/// validated whole and written through the door (as <c>system</c>) in one transaction together with
/// its <see cref="SeedFile"/> record, so a file is imported exactly once and a bad file leaves nothing behind.
/// </summary>
public sealed class Seeder(IDbContextFactory<IncidentBoardDbContext> dbFactory, WriteDoor door, SeedReport report, TimeProvider clock, ILogger<Seeder> logger)
{
    public const string CatalogFileName = "services.json";
    /// <summary>The changes that set off the seeded incidents: imported last, since it marks them.</summary>
    public const string ChangesFileName = "changes.json";
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
            .OrderBy(f => Path.GetFileName(f) switch { CatalogFileName => 0, ChangesFileName => 2, _ => 1 }).ThenBy(f => f, StringComparer.Ordinal).ToList();
        Dictionary<string, string> imported;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            imported = await db.SeedFiles.ToDictionaryAsync(s => s.FileName, s => s.Sha256, ct);

        var incidents = new Dictionary<string, (IncidentDocument? Doc, string Sha, string? Error)>();
        foreach (var file in files.Where(f => Path.GetFileName(f) is not (CatalogFileName or ChangesFileName)))
        {
            var (doc, sha, error) = await SeedFileReader.ReadAsync<IncidentDocument>(file, ct);
            incidents[file] = (doc, await WithPostmortemAsync(file, sha, ct), error);
        }

        // The changes file last whatever the link order: it marks the incidents' triggers.
        foreach (var file in LinkOrder(files, incidents).OrderBy(f => Path.GetFileName(f) == ChangesFileName))
        {
            var name = Path.GetFileName(file);
            SeedFileResult result;
            if (imported.TryGetValue(name, out var importedSha))
            {
                // A file changed since it was imported (an earlier release's seed): bring its news, keep the users' edits.
                var sha = incidents.TryGetValue(file, out var incident) ? incident.Sha : await SeedFileReader.HashAsync(file, ct);
                if (sha == importedSha)
                {
                    results.Add(new SeedFileResult(name, SeedOutcome.AlreadyImported, "imported at an earlier start", []));
                    continue;
                }
                if (name == ChangesFileName)
                {
                    // Change events are kept by their external ids: a newer file's new changes need a fresh database.
                    results.Add(new SeedFileResult(name, SeedOutcome.AlreadyImported, "imported at an earlier start; change events are not upgraded", []));
                    continue;
                }
                result = name == CatalogFileName ? await UpgradeCatalogAsync(file, ct) : await UpgradeIncidentAsync(file, incidents[file], ct);
            }
            else result = name switch
            {
                CatalogFileName => await ImportCatalogAsync(file, ct),
                ChangesFileName => await ImportChangesAsync(file, ct),
                _ => await ImportIncidentAsync(file, incidents[file], ct),
            };
            if (result.Outcome == SeedOutcome.Rejected)
                logger.LogError("Seed file {File} rejected, nothing of it was written: {Problems}", name, string.Join("; ", result.Problems));
            else
                logger.LogInformation("Seed file {File} {Outcome}: {Summary}", name, result.Outcome == SeedOutcome.Upgraded ? "upgraded" : "imported", result.Summary);
            results.Add(result);
        }
        report.Set(directory, null, results, clock.GetUtcNow().UtcDateTime);
    }

    private async Task<SeedFileResult> ImportCatalogAsync(string path, CancellationToken ct)
    {
        var name = Path.GetFileName(path);
        var (doc, sha, readError) = await SeedFileReader.ReadAsync<ServiceCatalogDocument>(path, ct);
        if (doc is null) return Rejected(name, readError!);

        var summary = "";
        var result = await door.RunAsync(Actor.System, Permission.Administer, "service catalog", async w =>
        {
            var existing = (await w.Db.Services.Select(s => s.Key).ToListAsync(ct)).ToHashSet();
            var (services, errors) = ServiceCatalogValidator.Validate(doc, existing);
            if (errors.Any) return w.Invalid(errors.Items);
            w.Db.Services.AddRange(services);
            w.Db.SeedFiles.Add(new SeedFile { FileName = name, Sha256 = sha, ImportedAt = w.Now });
            var edges = services.Sum(s => s.DependsOn.Count);
            summary = $"{Count(services.Count, "service")}, {Count(edges, "dependency", "dependencies")}";
            w.Audit(AuditActions.CatalogSeeded, name, null, new FieldChange("Services", null, services.Count.ToString()), new FieldChange("Dependencies", null, edges.ToString())).Publish(ChangeScope.Catalog);
            return CommandResult.Ok("service catalog");
        }, ct);
        return Outcome(name, result, summary);
    }

    private async Task<SeedFileResult> ImportChangesAsync(string path, CancellationToken ct)
    {
        var name = Path.GetFileName(path);
        var (doc, sha, readError) = await SeedFileReader.ReadAsync<Changes.ChangeSeedDocument>(path, ct);
        if (doc is null) return Rejected(name, readError!);
        var summary = "";
        var result = await door.RunAsync(Actor.System, Permission.Administer, "changes", async w =>
        {
            var (changes, marks, errors) = await Changes.ChangeSeedFile.ImportAsync(w, doc, ct);
            if (errors.Any) return w.Invalid(errors.Items);
            w.Db.SeedFiles.Add(new SeedFile { FileName = name, Sha256 = sha, ImportedAt = w.Now });
            summary = $"{Count(changes, "change")}, {Count(marks, "trigger")} marked";
            w.Audit(AuditActions.ChangeImported, name, null, new FieldChange("Changes", null, changes.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Publish(Changes.ChangeScopes.Changes);
            return CommandResult.Ok("changes");
        }, ct);
        return Outcome(name, result, summary);
    }

    /// <summary>
    /// The catalog file changed since an earlier release imported it: its new services and dependencies
    /// are added and its changed facts corrected where no user edited them (<see cref="SeedUpgrade"/>).
    /// </summary>
    private async Task<SeedFileResult> UpgradeCatalogAsync(string path, CancellationToken ct)
    {
        var name = Path.GetFileName(path);
        var (doc, sha, readError) = await SeedFileReader.ReadAsync<ServiceCatalogDocument>(path, ct);
        if (doc is null) return Rejected(name, readError!);
        var summary = "";
        var result = await door.RunAsync(SeedUpgrade.Actor, Permission.Administer, "service catalog", async w =>
        {
            var (tally, errors) = await SeedUpgrade.CatalogAsync(w, doc, ct);
            if (tally is null) return w.Invalid(errors);
            await RecordAsync(w, name, sha, ct);
            summary = tally.ToString();
            return CommandResult.Ok("service catalog");
        }, ct);
        return Outcome(name, result, summary, SeedOutcome.Upgraded);
    }

    private async Task<SeedFileResult> UpgradeIncidentAsync(string path, (IncidentDocument? Doc, string Sha, string? Error) read, CancellationToken ct)
    {
        var name = Path.GetFileName(path);
        var (doc, sha, readError) = read;
        if (doc is null) return Rejected(name, readError!);
        var postmortem = await ReadPostmortemAsync(path, ct);
        if (postmortem is { Error: { } postmortemError }) return Rejected(name, postmortemError);
        var summary = "";
        var result = await door.RunAsync(SeedUpgrade.Actor, Permission.Administer, "incident", async w =>
        {
            var (tally, errors) = await SeedUpgrade.IncidentAsync(w, doc, postmortem?.Text, ct);
            if (tally is null) return w.Invalid(errors);
            await RecordAsync(w, name, sha, ct);
            summary = $"{doc.Slug}: {tally}";
            return CommandResult.Ok("incident");
        }, ct);
        return Outcome(name, result, summary, SeedOutcome.Upgraded);
    }

    /// <summary>The file's new fingerprint, so the next start knows this version was taken in.</summary>
    private static async Task RecordAsync(Write w, string name, string sha, CancellationToken ct)
    {
        var record = await w.Db.SeedFiles.SingleAsync(s => s.FileName == name, ct);
        record.Sha256 = sha;
    }

    /// <summary>
    /// Files in name order, except that a file waits for the files holding the incidents it links to
    /// (a link must name an incident that exists). Files that link in a circle keep their name order,
    /// and the one that comes first is refused for its link to an incident not yet there.
    /// </summary>
    private static List<string> LinkOrder(List<string> files, Dictionary<string, (IncidentDocument? Doc, string Sha, string? Error)> incidents)
    {
        var fileOfSlug = incidents.Where(x => x.Value.Doc?.Slug is not null).GroupBy(x => x.Value.Doc!.Slug!.Trim())
            .ToDictionary(g => g.Key, g => g.First().Key);
        var waitsFor = incidents.ToDictionary(x => x.Key, x => (x.Value.Doc?.Links ?? []).Select(l => l?.Slug?.Trim())
            .Where(slug => slug is not null && fileOfSlug.ContainsKey(slug)).Select(slug => fileOfSlug[slug!]).Where(f => f != x.Key).ToHashSet());
        var ordered = new List<string>();
        var remaining = new List<string>(files);
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(f => !waitsFor.TryGetValue(f, out var deps) || deps.All(ordered.Contains)) ?? remaining[0];
            ordered.Add(next);
            remaining.Remove(next);
        }
        return ordered;
    }

    private async Task<SeedFileResult> ImportIncidentAsync(string path, (IncidentDocument? Doc, string Sha, string? Error) read, CancellationToken ct)
    {
        var name = Path.GetFileName(path);
        var (doc, sha, readError) = read;
        if (doc is null) return Rejected(name, readError!);

        var postmortem = await ReadPostmortemAsync(path, ct);
        if (postmortem is { Error: { } postmortemError }) return Rejected(name, postmortemError);
        var summary = "";
        var result = await door.RunAsync(Actor.System, Permission.Administer, "incident", async w =>
        {
            var (incident, errors) = await IncidentDocumentImport.AddAsync(w, doc, DocumentRules.SeedFile, ct);
            if (incident is null) return w.Invalid(errors);
            incident.PostmortemMarkdown = postmortem?.Text;
            w.Db.SeedFiles.Add(new SeedFile { FileName = name, Sha256 = sha, ImportedAt = w.Now });
            summary = $"{incident.Slug}: {Count(incident.Events.Count, "event")}, {Count(incident.Impacts.Count, "impact window")}, {Count(incident.Actions.Count, "action")}";
            await IncidentDocumentImport.AuditLinksAsync(w, incident, ct);
            w.Audit(AuditActions.IncidentCreated, incident, IncidentDocumentImport.Counts(incident)).Publish(ChangeScope.Actions, ChangeScope.Catalog);
            return w.Done(incident);
        }, ct);
        return Outcome(name, result, summary);
    }

    private static SeedFileResult Outcome(string name, CommandResult result, string summary, SeedOutcome done = SeedOutcome.Imported) => result.Succeeded
        ? new SeedFileResult(name, done, summary, [])
        : new SeedFileResult(name, SeedOutcome.Rejected, "rejected", [.. result.Errors.Values]);


    /// <summary>
    /// The incident's postmortem, when the seed folder has one beside it (x.json → x.postmortem.md):
    /// Markdown reads better as its own file than as one long JSON string.
    /// </summary>
    private static async Task<(string? Text, string? Error)?> ReadPostmortemAsync(string jsonPath, CancellationToken ct)
    {
        var path = PostmortemPath(jsonPath);
        if (!File.Exists(path)) return null;
        var text = (await File.ReadAllTextAsync(path, ct)).Replace("\r\n", "\n");
        return text.Length > Limits.PostmortemLength
            ? (null, $"{Path.GetFileName(path)}: {text.Length:N0} characters; the limit is {Limits.PostmortemLength:N0}")
            : (string.IsNullOrWhiteSpace(text) ? null : text, null);
    }

    private static string PostmortemPath(string jsonPath) =>
        Path.Combine(Path.GetDirectoryName(jsonPath)!, Path.GetFileNameWithoutExtension(jsonPath) + PostmortemSuffix);

    /// <summary>
    /// An incident file's fingerprint covers the postmortem beside it, so a release that only rewrites a postmortem
    /// still upgrades databases seeded before (the upgrade keeps a postmortem a user saved). Without a postmortem it
    /// is the file's own hash, as it always was.
    /// </summary>
    private static async Task<string> WithPostmortemAsync(string jsonPath, string jsonSha, CancellationToken ct)
    {
        var path = PostmortemPath(jsonPath);
        if (!File.Exists(path)) return jsonSha;
        var both = System.Text.Encoding.ASCII.GetBytes($"{jsonSha}\n{await SeedFileReader.HashAsync(path, ct)}");
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(both));
    }

    private static string Count(int n, string one, string? many = null) => $"{n} {(n == 1 ? one : many ?? one + "s")}";

    private static SeedFileResult Rejected(string name, string problem) => new(name, SeedOutcome.Rejected, "rejected", [problem]);
}
