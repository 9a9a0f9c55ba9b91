using Dashboard.Data.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Postmortems;

public sealed record ExportedFile(string FileName, string Content);

/// <summary>The outcome of an import: the new incident's slug, or every problem found (and nothing written).</summary>
public sealed record ImportResult(string? Slug, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Slug is not null;
}

/// <summary>
/// Markdown export with YAML front matter (the incident, its phases, impacts, timeline and actions)
/// and its import. The front matter uses the seed-file fields and goes through the seed validator,
/// so an import is checked as strictly as a seed file and written in one transaction.
/// </summary>
public sealed class PostmortemFiles(IDbContextFactory<IncidentBoardDbContext> dbFactory, TimeProvider clock)
{
    public async Task<ExportedFile?> ExportMarkdownAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var incident = await db.Incidents.AsNoTracking().AsSplitQuery()
            .Include(i => i.Sources).Include(i => i.Events).Include(i => i.Impacts).Include(i => i.Actions)
            .SingleOrDefaultAsync(i => i.Slug == slug, ct);
        if (incident is null) return null;
        var serviceIds = incident.Events.Where(e => e.ServiceId is not null).Select(e => e.ServiceId!.Value)
            .Concat(incident.Impacts.Select(x => x.ServiceId)).Distinct().ToList();
        var keys = await db.Services.AsNoTracking().Where(s => serviceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Key, ct);
        var document = IncidentDocumentBuilder.Build(incident, keys);
        return new ExportedFile($"{slug}.postmortem.md", FrontMatter.Write(document, incident.PostmortemMarkdown));
    }

    public async Task<ImportResult> ImportAsync(string content, CancellationToken ct = default)
    {
        if (content.Length > Limits.PostmortemFileBytes)
            return Refused($"the file is {content.Length / 1024:N0} KB; the limit is {Limits.PostmortemFileBytes / 1024:N0} KB");
        var (document, body, error) = FrontMatter.Read(content);
        if (document is null) return Refused(error!);
        if (body?.Length > Limits.PostmortemLength)
            return Refused($"the postmortem text is {body.Length:N0} characters long; the limit is {Limits.PostmortemLength:N0}");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var serviceIds = await db.Services.ToDictionaryAsync(s => s.Key, s => s.Id, ct);
        var slugs = (await db.Incidents.Select(i => i.Slug).ToListAsync(ct)).ToHashSet();
        // Duplicate events are a warning in the app, so an exported incident may hold some; they import as they are.
        var (incident, errors) = IncidentSeedValidator.Validate(document, serviceIds, slugs, clock.GetUtcNow().UtcDateTime, rejectDuplicateEvents: false);
        if (incident is null) return new ImportResult(null, errors.Items);
        incident.PostmortemMarkdown = body;
        incident.PostmortemVersion = Guid.NewGuid();
        db.Incidents.Add(incident);
        try
        {
            await db.SaveChangesAsync(ct); // one SaveChanges, one transaction: the whole incident or nothing
            return new ImportResult(incident.Slug, []);
        }
        catch (DbUpdateException ex)
        {
            return Refused($"the database refused it: {ex.InnerException?.Message ?? ex.Message}");
        }
    }

    private static ImportResult Refused(string problem) => new(null, [problem]);
}
