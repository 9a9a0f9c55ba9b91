using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Catalog;
using Dashboard.Data.Incidents;
using Dashboard.Data.Learning;

namespace Dashboard.Data.Seeding;

/// <summary>
/// Adds an incident document inside the caller's pass through the door: first the catalog entries
/// it carries for services the catalog lacks, then the incident itself. On any error nothing is
/// added to the context and the door rolls the transaction back.
/// </summary>
internal static class IncidentDocumentImport
{
    /// <summary>How many unknown service keys a refusal names before it says how many more there are.</summary>
    private const int KeysNamed = 20;

    public static async Task<(Incident? Incident, IReadOnlyList<string> Errors)> AddAsync(
        Write w, IncidentDocument doc, DocumentRules rules, CancellationToken ct)
    {
        var db = w.Db;
        var serviceIds = await db.Services.ToDictionaryAsync(s => s.Key, s => s.Id, ct);
        // Entries for services already in the catalog are left as they are: the catalog is the truth.
        var missing = (doc.Services ?? []).Where(s => s?.Key is not { } key || !serviceIds.ContainsKey(key.Trim())).ToList();
        if (missing.Count > 0)
        {
            var (added, errors) = await AddServicesAsync(w, missing, serviceIds, ct);
            if (errors.Count > 0) return (null, errors);
            foreach (var s in added) serviceIds[s.Key] = s.Id;
        }

        var slugs = (await db.Incidents.Select(i => i.Slug).ToListAsync(ct)).ToHashSet();
        var (incident, problems) = IncidentSeedValidator.Validate(doc, serviceIds, slugs, w.Now, rules);
        // Links resolve among the incidents the actor may see: a private one answers like one that does not exist.
        var (links, linkProblems) = await DocumentLinks.ResolveAsync(w.VisibleIncidents(), doc, w.Now, ct);
        if (incident is null || linkProblems.Count > 0) return (null, [.. problems.Items, .. linkProblems]);
        var changeProblems = await Changes.ChangeMarkDocuments.AddAsync(w, incident, doc.Changes, serviceIds, ct);
        if (changeProblems.Count > 0) return (null, changeProblems);
        db.Incidents.Add(incident);
        db.IncidentLinks.AddRange(links.Select(link => link(incident)));
        return (incident, []);
    }

    /// <summary>
    /// The catalog entries the document carries for services the catalog lacks. Adding to the catalog
    /// is an admin's right, so anyone else's file is refused whole, naming the keys to ask an admin for.
    /// For an admin (and seeding) each service is added under the catalog's own limit and audited as
    /// <c>service.created</c>, as if typed on the catalog page: an export carries these entries so that
    /// it can be restored where the catalog lacks them.
    /// </summary>
    private static async Task<(List<Service> Added, IReadOnlyList<string> Errors)> AddServicesAsync(
        Write w, List<ServiceDocument?> missing, Dictionary<string, int> serviceIds, CancellationToken ct)
    {
        if (!w.Actor.May(Permission.Administer))
        {
            var keys = missing.Select(s => s?.Key?.Trim() is { Length: > 0 } key ? $"'{key}'" : "(an entry without a key)").Distinct().ToList();
            var named = string.Join(", ", keys.Take(KeysNamed)) + (keys.Count > KeysNamed ? $" and {keys.Count - KeysNamed:N0} more" : "");
            return ([], [$"services: {named} {(keys.Count == 1 ? "is" : "are")} not in the service catalog, and only an admin may add to it; " +
                "ask an admin to add them (or to import this file), or use keys the catalog has"]);
        }
        var (services, errors) = ServiceCatalogValidator.Validate(new ServiceCatalogDocument { FormatVersion = 1, Services = missing }, serviceIds.Keys.ToHashSet());
        if (errors.Any) return ([], [.. errors.Items.Select(m => $"services (not yet in the catalog) {m}")]);
        if (serviceIds.Count + services.Count > Limits.Services)
            return ([], [$"services: the file adds {services.Count:N0} services to a catalog of {serviceIds.Count:N0}; its limit is {Limits.Services:N0}"]);
        w.Db.Services.AddRange(services);
        // Their fields are read now: the save below (the incident needs their ids) leaves nothing for the door to read.
        foreach (var s in services)
        {
            s.Version = Guid.NewGuid();
            w.Audit(AuditActions.ServiceCreated, s.Key, null, FieldChanges.Of(w.Db.Entry(s)));
        }
        await w.Db.SaveChangesAsync(ct); // in the door's transaction; a constraint it hits is answered by the door, without SQL
        return (services, []);
    }

    /// <summary>What an imported incident brought, for its audit entry (its rows are not audited one by one).</summary>
    public static IEnumerable<FieldChange> Counts(Incident incident) =>
    [
        new("Events", null, incident.Events.Count.ToString()),
        new("Impact windows", null, incident.Impacts.Count.ToString()),
        new("Actions", null, incident.Actions.Count.ToString()),
        new("Sources", null, incident.Sources.Count.ToString()),
        new("Factors", null, incident.Factors.Count.ToString()),
        new("Questions", null, incident.Questions.Count.ToString()),
    ];

    /// <summary>
    /// The links the document brought: each is audited on the other incident too (the new incident's
    /// own entry counts them), and that incident's views are told.
    /// </summary>
    public static async Task AuditLinksAsync(Write w, Incident incident, CancellationToken ct)
    {
        var links = w.Db.ChangeTracker.Entries<IncidentLink>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        var otherIds = links.Select(l => l.To == incident ? l.FromIncidentId : l.ToIncidentId).ToList();
        var slugs = await w.Db.Incidents.Where(i => otherIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Slug, ct);
        foreach (var link in links)
        {
            var backward = link.To == incident;
            var otherId = backward ? link.FromIncidentId : link.ToIncidentId;
            w.Audit(AuditActions.IncidentLinkCreated, $"{incident.Slug} {Learning.LinkKinds.Word(link.Kind, backward)} {slugs[otherId]}", otherId,
                new FieldChange(backward ? Learning.LinkKinds.Forward(link.Kind) : Learning.LinkKinds.Backward(link.Kind), null, incident.Slug)).Publish(ChangeScope.Incident(otherId));
        }
    }
}
