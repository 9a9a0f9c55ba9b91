using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.StatusPages;

/// <summary>Admins create, change and remove status pages; all through the door, all audited.</summary>
public sealed class StatusPageCommands(WriteDoor door)
{
    private const string Subject = "status page";

    public Task<CommandResult> CreateAsync(Actor actor, StatusPageInput input, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            var errors = input.Validate();
            var key = input.Key?.Trim() ?? "";
            if (!errors.ContainsKey(nameof(input.Key)) && await w.Db.StatusPages.AnyAsync(p => p.Key == key, ct))
                errors[nameof(input.Key)] = $"Another page has the address '{key}'.";
            var services = await ServicesAsync(w, input, errors, ct);
            if (errors.Count > 0) return w.Invalid(errors);
            if (await w.Db.StatusPages.CountAsync(ct) >= StatusPageRules.Pages) return w.Invalid("", $"There are already {StatusPageRules.Pages} status pages, the limit.");
            var page = new StatusPage { Key = key, Name = "", CreatedAt = w.Now, Version = Guid.NewGuid() };
            Apply(page, input, services, w.Now);
            w.Db.StatusPages.Add(page);
            w.Audit(AuditActions.StatusPageCreated, page).Publish(StatusPageRules.Scope);
            return w.Done(page);
        }, ct);

    /// <summary>Replaces the settings and the components, if the page is still at <paramref name="version"/>; the address may change too.</summary>
    public Task<CommandResult> UpdateAsync(Actor actor, int id, Guid version, StatusPageInput input, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            var page = await w.Db.StatusPages.Include(p => p.Components).SingleOrDefaultAsync(p => p.Id == id, ct);
            if (page is null) return w.NotFound();
            var errors = input.Validate();
            var key = input.Key?.Trim() ?? "";
            if (!errors.ContainsKey(nameof(input.Key)) && await w.Db.StatusPages.AnyAsync(p => p.Key == key && p.Id != id, ct))
                errors[nameof(input.Key)] = $"Another page has the address '{key}'.";
            var services = await ServicesAsync(w, input, errors, ct);
            if (errors.Count > 0) return w.Invalid(errors);
            w.Expect(page, version);
            var before = Describe(page.Components);
            page.Key = key;
            Apply(page, input, services, w.Now);
            var after = Describe(page.Components);
            w.Audit(AuditActions.StatusPageUpdated, page, before == after ? [] : [new FieldChange("Components", before, after)]).Publish(StatusPageRules.Scope);
            return w.Done(page);
        }, ct);

    public Task<CommandResult> DeleteAsync(Actor actor, int id, Guid? version = null, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            var page = await w.Db.StatusPages.SingleOrDefaultAsync(p => p.Id == id, ct);
            if (page is null) return w.NotFound();
            if (version is { } expected) w.Expect(page, expected);
            w.Db.StatusPages.Remove(page); // its components and publications go with it (ON DELETE CASCADE)
            w.Audit(AuditActions.StatusPageDeleted, page).Publish(StatusPageRules.Scope);
            return w.Done(page);
        }, ct);

    private static void Apply(StatusPage page, StatusPageInput input, IReadOnlyList<(int ServiceId, string Name)> services, DateTime now)
    {
        page.Name = input.Name.Trim();
        page.Audience = input.Audience;
        page.Roles = input.Audience == StatusAudience.Restricted ? string.Join(',', (input.Roles ?? []).Distinct().Order()) : "";
        page.Groups = input.Audience == StatusAudience.Restricted ? string.Join('\n', (input.Groups ?? []).Select(g => g.Trim()).Distinct(StringComparer.Ordinal)) : "";
        page.LogoUrl = string.IsNullOrWhiteSpace(input.LogoUrl) ? null : input.LogoUrl.Trim();
        page.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        page.EmbedOrigins = string.Join('\n', (input.EmbedOrigins ?? []).Select(o => o.Trim()).Distinct());
        page.ImpactDrivesColour = input.ImpactDrivesColour;
        page.UpdatedAt = now;
        // Kept rows keep their ids (the public component ids); gone ones go, new ones come.
        page.Components.RemoveAll(c => !services.Any(s => s.ServiceId == c.ServiceId));
        for (var i = 0; i < services.Count; i++)
        {
            var (serviceId, name) = services[i];
            var row = page.Components.FirstOrDefault(c => c.ServiceId == serviceId);
            if (row is null) page.Components.Add(row = new StatusPageComponent { ServiceId = serviceId, DisplayName = name });
            row.DisplayName = name;
            row.Position = i;
        }
    }

    /// <summary>The components' services by key; an unknown or archived one is a field error. Without a public name, the catalog's name is used.</summary>
    private static async Task<IReadOnlyList<(int, string)>> ServicesAsync(Write w, StatusPageInput input, Dictionary<string, string> errors, CancellationToken ct)
    {
        var components = input.Components ?? [];
        var keys = components.Select(c => c.ServiceKey).ToList();
        var found = await w.Db.Services.AsNoTracking().Where(s => keys.Contains(s.Key) && !s.IsArchived).Select(s => new { s.Id, s.Key, s.Name }).ToListAsync(ct);
        var result = new List<(int, string)>();
        for (var i = 0; i < components.Count; i++)
        {
            var service = found.FirstOrDefault(s => s.Key == components[i].ServiceKey);
            if (service is null) errors.TryAdd($"Components[{i}]", $"'{components[i].ServiceKey}' is not a service in the catalog.");
            else result.Add((service.Id, string.IsNullOrWhiteSpace(components[i].DisplayName) ? service.Name : components[i].DisplayName!.Trim()));
        }
        return result;
    }

    private static string Describe(IEnumerable<StatusPageComponent> components) => string.Join(", ", components.OrderBy(c => c.Position).Select(c => c.DisplayName));
}
