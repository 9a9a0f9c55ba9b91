using Dashboard.Data.Incidents;
using Dashboard.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Learning;

namespace Dashboard.Data.Postmortems;

public sealed record ExportedFile(string FileName, string Content);

/// <summary>
/// Markdown export with YAML front matter (the incident, its phases, impacts, timeline and actions)
/// and its import. The front matter uses the seed-file fields and goes through the seed validator,
/// so an import is checked as strictly as a seed file and written in one transaction.
/// </summary>
public sealed class PostmortemFiles(IDbContextFactory<IncidentBoardDbContext> dbFactory, WriteDoor door)
{
    public async Task<ExportedFile?> ExportMarkdownAsync(Actor viewer, string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var incident = await db.Incidents.AsNoTracking().AsSplitQuery().VisibleTo(viewer)
            .Include(i => i.Sources).Include(i => i.Events).Include(i => i.Impacts).Include(i => i.Actions).ThenInclude(a => a.StatusHistory).Include(i => i.PostmortemHistory)
            .Include(i => i.Factors).ThenInclude(f => f.Evidence).Include(i => i.Factors).ThenInclude(f => f.Actions).Include(i => i.Questions)
            .SingleOrDefaultAsync(i => i.Slug == slug, ct);
        if (incident is null) return null;
        var serviceIds = incident.Events.Where(e => e.ServiceId is not null).Select(e => e.ServiceId!.Value)
            .Concat(incident.Impacts.Select(x => x.ServiceId)).Concat(await Changes.ChangeMarkDocuments.ServiceIdsAsync(db, incident.Id, ct)).Distinct().ToList();
        var services = await db.Services.AsNoTracking().Where(s => serviceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        // Both directions, so re-importing the file restores the links held by the other incidents too;
        // only to incidents the reader may see: a link must not carry a private incident's slug out of the app.
        var visible = db.Incidents.AsNoTracking().VisibleTo(viewer);
        var outgoing = await (from l in db.IncidentLinks.AsNoTracking() where l.FromIncidentId == incident.Id
                              join other in visible on l.ToIncidentId equals other.Id
                              select new { l.Kind, other.Slug, l.Id }).ToListAsync(ct);
        var incoming = await (from l in db.IncidentLinks.AsNoTracking() where l.ToIncidentId == incident.Id
                              join other in visible on l.FromIncidentId equals other.Id
                              select new { l.Kind, other.Slug, l.Id }).ToListAsync(ct);
        var links = outgoing.Select(l => (l.Id, Doc: new LinkDocument { Kind = Learning.LinkKinds.Word(l.Kind, backward: false), Slug = l.Slug }))
            .Concat(incoming.Select(l => (l.Id, Doc: new LinkDocument { Kind = Learning.LinkKinds.Word(l.Kind, backward: true), Slug = l.Slug })))
            .OrderBy(l => l.Id).Select(l => (LinkDocument?)l.Doc).ToList();
        var document = IncidentDocumentBuilder.Build(incident, services);
        document.Links = links;
        document.Changes = await Changes.ChangeMarkDocuments.ExportAsync(db, incident.Id, ct);
        return new ExportedFile($"{slug}.postmortem.md", FrontMatter.Write(document, incident.PostmortemMarkdown));
    }

    /// <summary>Imports a file held as text (tests, the command line); an upload goes through the reader overload.</summary>
    public Task<CommandResult> ImportAsync(Actor actor, string content, CancellationToken ct = default) =>
        content.Length > Limits.PostmortemFileBytes
            ? Task.FromResult(CommandResult.Invalid("incident", "", $"the file is {content.Length / 1024:N0} KB; the limit is {Limits.PostmortemFileBytes / 1024:N0} KB"))
            : ImportAsync(actor, new StringReader(content), ct);

    /// <summary>
    /// Recreates an incident from an exported file, in one transaction through the door. The file is
    /// read (and its front matter and body bounded) before the door opens, so a slow upload never holds
    /// the write lock. It always arrives as a draft: a file cannot publish itself, so the status and
    /// review history it claims are kept only as the note of the "imported" entry.
    /// </summary>
    public async Task<CommandResult> ImportAsync(Actor actor, TextReader content, CancellationToken ct = default)
    {
        var (document, body, error) = await FrontMatter.ReadAsync(content, ct);
        return await door.RunAsync(actor.Via(ChangeSource.Import), Permission.Respond, "incident", async w =>
        {
            if (document is null) return w.Invalid("", error!);
            if (body?.Length > Limits.PostmortemLength)
                return w.Invalid("", $"the postmortem text is {body.Length:N0} characters long; the limit is {Limits.PostmortemLength:N0}");
            // An export carries what the app allowed (see DocumentRules): it is read less strictly than a seed file.
            var (incident, errors) = await IncidentDocumentImport.AddAsync(w, document, DocumentRules.Export, ct);
            if (incident is null) return w.Invalid(errors);
            var claimed = Claimed(incident);
            incident.PostmortemMarkdown = body;
            incident.PostmortemVersion = Guid.NewGuid();
            incident.PostmortemStatus = PostmortemStatus.Draft;
            incident.PostmortemHistory.Clear();
            incident.PostmortemHistory.Add(new PostmortemTransition
            {
                From = PostmortemStatus.Draft, To = PostmortemStatus.Draft, By = w.Actor.DisplayName, At = w.Now,
                Note = claimed is null ? "Imported." : $"Imported. The file said: {claimed}",
            });
            await IncidentDocumentImport.AuditLinksAsync(w, incident, ct);
            w.Audit(AuditActions.IncidentImported, incident, [.. IncidentDocumentImport.Counts(incident), Changes.ChangeMarkDocuments.Count(w)]).Publish(ChangeScope.Actions, ChangeScope.Catalog);
            return w.Done(incident);
        }, ct);
    }

    /// <summary>What the file claimed about its review, as information: it is not applied.</summary>
    private static string? Claimed(Incident incident)
    {
        if (incident.PostmortemStatus == PostmortemStatus.Draft && incident.PostmortemHistory.Count == 0) return null;
        var moves = incident.PostmortemHistory.Select(t => $"{Names.Of(t.From)} → {Names.Of(t.To)} by {t.By} at {UtcTime.Format(t.At)}");
        var text = $"status {Names.Of(incident.PostmortemStatus)}; history: {(incident.PostmortemHistory.Count == 0 ? "none" : string.Join("; ", moves))}.";
        return text.Length <= Limits.TransitionNoteLength - 40 ? text : text[..(Limits.TransitionNoteLength - 41)] + "…";
    }
}
