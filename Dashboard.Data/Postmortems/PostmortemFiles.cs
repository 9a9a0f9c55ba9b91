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
            .Include(i => i.Sources).Include(i => i.Events).Include(i => i.Impacts).Include(i => i.Actions).Include(i => i.PostmortemHistory)
            .SingleOrDefaultAsync(i => i.Slug == slug, ct);
        if (incident is null) return null;
        var serviceIds = incident.Events.Where(e => e.ServiceId is not null).Select(e => e.ServiceId!.Value)
            .Concat(incident.Impacts.Select(x => x.ServiceId)).Distinct().ToList();
        var services = await db.Services.AsNoTracking().Where(s => serviceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var document = IncidentDocumentBuilder.Build(incident, services);
        return new ExportedFile($"{slug}.postmortem.md", FrontMatter.Write(document, incident.PostmortemMarkdown));
    }

    public async Task<ImportResult> ImportAsync(string content, CancellationToken ct = default)
    {
        if (content.Length > Limits.PostmortemFileBytes)
            return Refused($"the file is {content.Length / 1024:N0} KB; the limit is {Limits.PostmortemFileBytes / 1024:N0} KB");
        return await ImportAsync(new StringReader(content), ct);
    }

    /// <summary>Imports a file as it is read (an upload): the caller checks its size first; front matter and body are bounded while reading.</summary>
    public async Task<ImportResult> ImportAsync(TextReader content, CancellationToken ct = default)
    {
        var (document, body, error) = await FrontMatter.ReadAsync(content, ct);
        if (document is null) return Refused(error!);
        if (body?.Length > Limits.PostmortemLength)
            return Refused($"the postmortem text is {body.Length:N0} characters long; the limit is {Limits.PostmortemLength:N0}");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Explicit, because services the file brings are saved before the incident that refers to them.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // An export carries what the app allowed (see DocumentRules): it is read less strictly than a seed file.
        var (incident, errors) = await IncidentDocumentImport.AddAsync(db, document, clock.GetUtcNow().UtcDateTime, DocumentRules.Export, ct);
        if (incident is null) return new ImportResult(null, errors);
        incident.PostmortemMarkdown = body;
        incident.PostmortemVersion = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new ImportResult(incident.Slug, []);
        }
        catch (DbUpdateException ex)
        {
            return Refused($"the database refused it: {ex.InnerException?.Message ?? ex.Message}");
        }
    }

    private static ImportResult Refused(string problem) => new(null, [problem]);
}
