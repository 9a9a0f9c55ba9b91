using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Catalog;

public sealed class ServiceCatalogCommands(WriteDoor door)
{
    private const string Subject = "service";

    public Task<CommandResult> CreateAsync(Actor actor, ServiceInput input, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            var errors = input.Validate(creating: true);
            await CheckUniqueAsync(w.Db, input, null, errors, ct);
            if (errors.Count > 0) return w.Invalid(errors);
            if (await w.Db.Services.CountAsync(ct) >= Limits.Services)
                return w.Invalid("", $"The catalog already holds {Limits.Services:N0} services, its limit; archive or remove some first.");
            var service = new Service { Key = input.EffectiveKey, Name = "", Group = "", Version = Guid.NewGuid() };
            Apply(service, input);
            w.Db.Services.Add(service);
            w.Audit(AuditActions.ServiceCreated, service).Publish(ChangeScope.Catalog);
            return w.Done(service);
        }, ct);

    /// <summary>Saves the fields; refused when the service changed since <paramref name="version"/> was read. The key never changes.</summary>
    public Task<CommandResult> UpdateAsync(Actor actor, int id, Guid version, ServiceInput input, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            var errors = input.Validate(creating: false);
            await CheckUniqueAsync(w.Db, input, id, errors, ct);
            if (errors.Count > 0) return w.Invalid(errors);
            var service = await w.Db.Services.SingleOrDefaultAsync(s => s.Id == id, ct);
            if (service is null) return w.NotFound();
            w.Expect(service, version);
            Apply(service, input);
            // Incident pages name their services too (impact tab, timeline lanes).
            w.Audit(AuditActions.ServiceUpdated, service).Publish(ChangeScope.Catalog);
            return w.Done(service);
        }, ct);

    /// <summary>
    /// Archived services leave the pickers but stay on every incident that names them. Setting a
    /// state rather than editing fields, it needs no version: archiving twice is archiving once.
    /// </summary>
    public Task<CommandResult> SetArchivedAsync(Actor actor, int id, bool archived, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            var service = await w.Db.Services.SingleOrDefaultAsync(s => s.Id == id, ct);
            if (service is null) return w.NotFound();
            service.IsArchived = archived;
            service.Version = Guid.NewGuid();
            var action = archived ? AuditActions.ServiceArchived : AuditActions.ServiceRestored;
            w.Audit(action, service).Publish(ChangeScope.Catalog);
            return w.Done(service);
        }, ct);

    /// <summary>
    /// Removes a service and all its dependency edges (both directions). Refused while impact windows
    /// or timeline events refer to it: history must not dangle, so the message offers archiving instead.
    /// </summary>
    public Task<CommandResult> DeleteAsync(Actor actor, int id, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            var service = await w.Db.Services.SingleOrDefaultAsync(s => s.Id == id, ct);
            if (service is null) return w.NotFound();
            var incidents = await w.Db.ServiceImpacts.Where(x => x.ServiceId == id).Select(x => x.IncidentId)
                .Union(w.Db.TimelineEvents.Where(e => e.ServiceId == id).Select(e => e.IncidentId))
                .Distinct().CountAsync(ct);
            if (incidents > 0)
                return w.Invalid("", $"“{service.Name}” cannot be removed: {incidents} incident{(incidents == 1 ? "" : "s")} refer{(incidents == 1 ? "s" : "")} to it in impact windows or timeline events. Archive it instead: it leaves the pickers and stays in their history.");
            var changes = await w.Db.ChangeServices.CountAsync(c => c.ServiceId == id, ct);
            if (changes > 0)
                return w.Invalid("", $"“{service.Name}” cannot be removed: {changes} recorded change{(changes == 1 ? "" : "s")} touched it. Archive it instead: it leaves the pickers and its changes keep their history.");
            w.Db.ServiceDependencies.RemoveRange(await w.Db.ServiceDependencies.Where(d => d.ServiceId == id || d.DependsOnServiceId == id).ToListAsync(ct));
            w.Db.Services.Remove(service);
            w.Audit(AuditActions.ServiceDeleted, service).Publish(ChangeScope.Catalog);
            return w.Done(service);
        }, ct);

    /// <summary>Records that <paramref name="serviceId"/> depends on <paramref name="dependsOnId"/>; refused when it would close a cycle, which is named.</summary>
    public Task<CommandResult> AddDependencyAsync(Actor actor, int serviceId, int dependsOnId, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            const string field = "DependsOn";
            var services = await w.Db.Services.AsNoTracking().Where(s => s.Id == serviceId || s.Id == dependsOnId)
                .ToDictionaryAsync(s => s.Id, s => new { s.Name, s.Key }, ct);
            if (!services.TryGetValue(serviceId, out var source)) return w.NotFound();
            if (!services.TryGetValue(dependsOnId, out var target)) return w.Invalid(field, "Depends on: that service is no longer in the catalog.");
            if (serviceId == dependsOnId) return w.Invalid(field, "Depends on: a service cannot depend on itself.");
            if (await w.Db.ServiceDependencies.AnyAsync(d => d.ServiceId == serviceId && d.DependsOnServiceId == dependsOnId, ct))
                return w.Invalid(field, $"Depends on: it already depends on “{target.Name}”.");

            var edges = await w.Db.ServiceDependencies.AsNoTracking().Select(d => new { d.ServiceId, d.DependsOnServiceId }).ToListAsync(ct);
            if (edges.Count >= Limits.Dependencies)
                return w.Invalid(field, $"Depends on: the catalog already holds {Limits.Dependencies:N0} dependencies, its limit.");
            var proposed = edges.Select(e => (From: e.ServiceId.ToString(), To: e.DependsOnServiceId.ToString()))
                .Append((serviceId.ToString(), dependsOnId.ToString()));
            if (DependencyCycles.Find(proposed) is { } cycle)
            {
                // Read from the new edge on: "A → B → … → A" for "A depends on B" says what was refused.
                var ring = cycle.Skip(1).Select(int.Parse).ToList();
                var at = Math.Max(0, ring.IndexOf(serviceId));
                List<int> ids = [.. ring[at..], .. ring[..at], ring[at]];
                var names = await w.Db.Services.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
                return w.Invalid(field, $"Depends on: refused, it would create a cycle: {string.Join(" → ", ids.Select(i => names[i]))}.");
            }
            w.Db.ServiceDependencies.Add(new ServiceDependency { ServiceId = serviceId, DependsOnServiceId = dependsOnId });
            w.Audit(AuditActions.DependencyCreated, $"{source.Key}→{target.Key}", null).Publish(ChangeScope.Catalog);
            return CommandResult.Ok(Subject, serviceId);
        }, ct);

    public Task<CommandResult> RemoveDependencyAsync(Actor actor, int serviceId, int dependsOnId, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            var edge = await w.Db.ServiceDependencies.Include(d => d.Service).Include(d => d.DependsOnService)
                .SingleOrDefaultAsync(d => d.ServiceId == serviceId && d.DependsOnServiceId == dependsOnId, ct);
            if (edge is null) return CommandResult.NotFound("dependency");
            w.Db.ServiceDependencies.Remove(edge);
            w.Audit(AuditActions.DependencyDeleted, $"{edge.Service!.Key}→{edge.DependsOnService!.Key}", null).Publish(ChangeScope.Catalog);
            return CommandResult.Ok(Subject, serviceId);
        }, ct);

    private static async Task CheckUniqueAsync(IncidentBoardDbContext db, ServiceInput input, int? id, Dictionary<string, string> errors, CancellationToken ct)
    {
        var name = input.Name.Trim().ToLower();
        if (!errors.ContainsKey(nameof(input.Name)) && await db.Services.AnyAsync(s => s.Id != id && s.Name.ToLower() == name, ct))
            errors[nameof(input.Name)] = $"Name: “{input.Name.Trim()}” is already in the catalog.";
        var key = input.EffectiveKey;
        if (id is null && !errors.ContainsKey(nameof(input.Key)) && await db.Services.AnyAsync(s => s.Key == key, ct))
            errors[nameof(input.Key)] = $"Key: '{key}' is already used by another service.";
    }

    private static void Apply(Service service, ServiceInput input)
    {
        service.Name = input.Name.Trim();
        service.Group = input.Group.Trim();
        service.Description = Clean(input.Description);
        service.OwnerTeam = Clean(input.OwnerTeam);
        service.Tier = input.Tier;
        // Stored as a fraction; rounding keeps 99.9 from arriving as 0.99900000000000011.
        service.SloTarget = input.SloPercent is { } p ? Math.Round(p / 100, 9) : null;
        service.SloWindow = input.SloWindow;
        service.WeightMajorOutage = input.WeightMajorOutage;
        service.WeightPartialOutage = input.WeightPartialOutage;
        service.WeightDegraded = input.WeightDegraded;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
