using Dashboard.Data.Domain;
using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Catalog;

public sealed class ServiceCatalogCommands(IDbContextFactory<IncidentBoardDbContext> dbFactory)
{
    public const string StaleMessage = "Someone else changed this service after you opened it. Reload to see their version; your changes were not saved.";
    private const string Gone = "This service no longer exists; someone removed it.";
    private static readonly Dictionary<string, string> NoErrors = [];

    public async Task<ServiceResult> CreateAsync(ServiceInput input, CancellationToken ct = default)
    {
        var errors = input.Validate(creating: true);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await CheckUniqueAsync(db, input, null, errors, ct);
        if (errors.Count > 0) return new ServiceResult(null, null, errors);
        if (await db.Services.CountAsync(ct) >= Limits.Services)
            return new ServiceResult(null, null, NoErrors, $"The catalog already holds {Limits.Services:N0} services, its limit; archive or remove some first.");
        var service = new Service { Key = input.EffectiveKey, Name = "", Group = "" };
        Apply(service, input);
        db.Services.Add(service);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another save took the same name or key between the check above and this write.
            return Error(null, nameof(input.Name), $"Name or key: “{input.Name.Trim()}” was just added by someone else.");
        }
        return new ServiceResult(service.Id, service.Key, NoErrors);
    }

    /// <summary>Saves the fields; refused when the service changed since <paramref name="version"/> was read. The key never changes.</summary>
    public async Task<ServiceResult> UpdateAsync(int id, Guid version, ServiceInput input, CancellationToken ct = default)
    {
        var errors = input.Validate(creating: false);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await CheckUniqueAsync(db, input, id, errors, ct);
        if (errors.Count > 0) return new ServiceResult(id, null, errors);
        var service = await db.Services.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (service is null) return new ServiceResult(id, null, NoErrors, Gone);
        return await SaveAsync(db, service, version, () => Apply(service, input), ct);
    }

    /// <summary>Archived services leave the pickers but stay on every incident that names them.</summary>
    public async Task<ServiceResult> SetArchivedAsync(int id, bool archived, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var service = await db.Services.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (service is null) return new ServiceResult(id, null, NoErrors, Gone);
        service.IsArchived = archived;
        service.Version = Guid.NewGuid();
        await db.SaveChangesAsync(ct);
        return new ServiceResult(id, service.Key, NoErrors);
    }

    /// <summary>
    /// Removes a service and all its dependency edges (both directions) in one transaction. Refused
    /// while impact windows or timeline events refer to it: history must not dangle, so the
    /// message offers archiving instead.
    /// </summary>
    public async Task<ServiceResult> DeleteAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Opened before the checks (SQLite: BEGIN IMMEDIATE), so no window or edge can be added between check and delete.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var service = await db.Services.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (service is null) return new ServiceResult(id, null, NoErrors, Gone);
        var incidents = await db.ServiceImpacts.Where(x => x.ServiceId == id).Select(x => x.IncidentId)
            .Union(db.TimelineEvents.Where(e => e.ServiceId == id).Select(e => e.IncidentId))
            .Distinct().CountAsync(ct);
        if (incidents > 0)
            return new ServiceResult(id, service.Key, NoErrors,
                $"“{service.Name}” cannot be removed: {incidents} incident{(incidents == 1 ? "" : "s")} refer{(incidents == 1 ? "s" : "")} to it in impact windows or timeline events. Archive it instead: it leaves the pickers and stays in their history.");
        await db.ServiceDependencies.Where(d => d.ServiceId == id || d.DependsOnServiceId == id).ExecuteDeleteAsync(ct);
        await db.Services.Where(s => s.Id == id).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return new ServiceResult(id, service.Key, NoErrors);
    }

    /// <summary>Records that <paramref name="serviceId"/> depends on <paramref name="dependsOnId"/>; refused when it would close a cycle, which is named.</summary>
    public async Task<ServiceResult> AddDependencyAsync(int serviceId, int dependsOnId, CancellationToken ct = default)
    {
        const string field = "DependsOn";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Opened before the cycle check (SQLite: BEGIN IMMEDIATE): two people adding A → B and B → A
        // at once are serialised, and the second sees the first edge and is refused.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var names = await db.Services.AsNoTracking().Where(s => s.Id == serviceId || s.Id == dependsOnId)
            .ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        if (!names.ContainsKey(serviceId)) return new ServiceResult(serviceId, null, NoErrors, Gone);
        if (!names.TryGetValue(dependsOnId, out var targetName)) return Error(serviceId, field, "Depends on: that service is no longer in the catalog.");
        if (serviceId == dependsOnId) return Error(serviceId, field, "Depends on: a service cannot depend on itself.");
        if (await db.ServiceDependencies.AnyAsync(d => d.ServiceId == serviceId && d.DependsOnServiceId == dependsOnId, ct))
            return Error(serviceId, field, $"Depends on: it already depends on “{targetName}”.");

        var edges = await db.ServiceDependencies.AsNoTracking().Select(d => new { d.ServiceId, d.DependsOnServiceId }).ToListAsync(ct);
        if (edges.Count >= Limits.Dependencies)
            return Error(serviceId, field, $"Depends on: the catalog already holds {Limits.Dependencies:N0} dependencies, its limit.");
        var proposed = edges.Select(e => (From: e.ServiceId.ToString(), To: e.DependsOnServiceId.ToString()))
            .Append((serviceId.ToString(), dependsOnId.ToString()));
        if (DependencyCycles.Find(proposed) is { } cycle)
        {
            // Read from the new edge on: "A → B → … → A" for "A depends on B" says what was refused.
            var ring = cycle.Skip(1).Select(int.Parse).ToList();
            var at = Math.Max(0, ring.IndexOf(serviceId));
            List<int> ids = [.. ring[at..], .. ring[..at], ring[at]];
            var cycleNames = await db.Services.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
            return Error(serviceId, field, $"Depends on: refused, it would create a cycle: {string.Join(" → ", ids.Select(i => cycleNames[i]))}.");
        }
        db.ServiceDependencies.Add(new ServiceDependency { ServiceId = serviceId, DependsOnServiceId = dependsOnId });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ServiceResult(serviceId, null, NoErrors);
    }

    public async Task<bool> RemoveDependencyAsync(int serviceId, int dependsOnId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ServiceDependencies.Where(d => d.ServiceId == serviceId && d.DependsOnServiceId == dependsOnId).ExecuteDeleteAsync(ct) > 0;
    }

    private static async Task CheckUniqueAsync(IncidentBoardDbContext db, ServiceInput input, int? id, Dictionary<string, string> errors, CancellationToken ct)
    {
        var name = input.Name.Trim().ToLower();
        if (!errors.ContainsKey(nameof(input.Name)) && await db.Services.AnyAsync(s => s.Id != id && s.Name.ToLower() == name, ct))
            errors[nameof(input.Name)] = $"Name: “{input.Name.Trim()}” is already in the catalog.";
        var key = input.EffectiveKey;
        if (id is null && !errors.ContainsKey(nameof(input.Key)) && await db.Services.AnyAsync(s => s.Key == key, ct))
            errors[nameof(input.Key)] = $"Key: '{key}' is already used by another service.";
    }

    private static async Task<ServiceResult> SaveAsync(IncidentBoardDbContext db, Service service, Guid version, Action change, CancellationToken ct)
    {
        // EF's UPDATE … WHERE Version = @read touches no row if another save came in between.
        db.Entry(service).Property(s => s.Version).OriginalValue = version;
        change();
        try
        {
            await db.SaveChangesAsync(ct);
            return new ServiceResult(service.Id, service.Key, NoErrors);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ServiceResult(service.Id, service.Key, NoErrors, StaleMessage);
        }
    }

    private static void Apply(Service service, ServiceInput input)
    {
        service.Name = input.Name.Trim();
        service.Group = input.Group.Trim();
        service.Description = Clean(input.Description);
        service.OwnerTeam = Clean(input.OwnerTeam);
        service.Tier = input.Tier;
        service.Version = Guid.NewGuid();
    }

    private static ServiceResult Error(int? id, string field, string message) => new(id, null, new Dictionary<string, string> { [field] = message });

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
