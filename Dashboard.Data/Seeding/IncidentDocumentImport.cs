using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Seeding;

/// <summary>
/// Adds an incident document inside the caller's transaction: first the catalog entries it
/// carries for services the catalog lacks, then the incident itself. On any error nothing is
/// added to the context and the caller rolls the transaction back.
/// </summary>
internal static class IncidentDocumentImport
{
    public static async Task<(Incident? Incident, IReadOnlyList<string> Errors)> AddAsync(
        IncidentBoardDbContext db, IncidentDocument doc, DateTime now, DocumentRules rules, CancellationToken ct)
    {
        var serviceIds = await db.Services.ToDictionaryAsync(s => s.Key, s => s.Id, ct);
        // Entries for services already in the catalog are left as they are: the catalog is the truth.
        var missing = (doc.Services ?? []).Where(s => s?.Key is not { } key || !serviceIds.ContainsKey(key.Trim())).ToList();
        if (missing.Count > 0)
        {
            var (services, errors) = ServiceCatalogValidator.Validate(new ServiceCatalogDocument { FormatVersion = 1, Services = missing }, serviceIds.Keys.ToHashSet());
            if (errors.Any) return (null, [.. errors.Items.Select(m => $"services (not yet in the catalog) {m}")]);
            db.Services.AddRange(services);
            try
            {
                await db.SaveChangesAsync(ct); // in the caller's transaction: the incident below needs their ids
            }
            catch (DbUpdateException ex)
            {
                return (null, [$"services: the catalog refused them: {ex.InnerException?.Message ?? ex.Message}"]);
            }
            foreach (var s in services) serviceIds[s.Key] = s.Id;
        }

        var slugs = (await db.Incidents.Select(i => i.Slug).ToListAsync(ct)).ToHashSet();
        var (incident, problems) = IncidentSeedValidator.Validate(doc, serviceIds, slugs, now, rules);
        var (links, linkProblems) = await DocumentLinks.ResolveAsync(db, doc, now, ct);
        if (incident is null || linkProblems.Count > 0) return (null, [.. problems.Items, .. linkProblems]);
        db.Incidents.Add(incident);
        db.IncidentLinks.AddRange(links.Select(link => link(incident)));
        return (incident, []);
    }

    /// <summary>What an imported incident brought, for its audit entry (its rows are not audited one by one).</summary>
    public static IEnumerable<Audit.FieldChange> Counts(Incident incident) =>
    [
        new("Events", null, incident.Events.Count.ToString()),
        new("Impact windows", null, incident.Impacts.Count.ToString()),
        new("Actions", null, incident.Actions.Count.ToString()),
        new("Sources", null, incident.Sources.Count.ToString()),
    ];

    /// <summary>
    /// The links the document brought: each is audited on the other incident too (the new incident's
    /// own entry counts them), and that incident's views are told.
    /// </summary>
    public static async Task AuditLinksAsync(Door.Write w, Incident incident, CancellationToken ct)
    {
        var links = w.Db.ChangeTracker.Entries<IncidentLink>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        var otherIds = links.Select(l => l.To == incident ? l.FromIncidentId : l.ToIncidentId).ToList();
        var slugs = await w.Db.Incidents.Where(i => otherIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Slug, ct);
        foreach (var link in links)
        {
            var backward = link.To == incident;
            var otherId = backward ? link.FromIncidentId : link.ToIncidentId;
            w.Audit("incident_link.created", $"{incident.Slug} {Learning.LinkKinds.Word(link.Kind, backward)} {slugs[otherId]}", otherId,
                new Audit.FieldChange(backward ? Learning.LinkKinds.Forward(link.Kind) : Learning.LinkKinds.Backward(link.Kind), null, incident.Slug));
            w.Publish("incident_link.created", Door.ChangeScope.Incident(otherId));
        }
    }
}
