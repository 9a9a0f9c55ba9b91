using Dashboard.Data.Catalog;


namespace Dashboard.Data.Seeding;

/// <summary>Turns a services document into entities, or into the list of what is wrong with it.</summary>
internal static class ServiceCatalogValidator
{
    public static (List<Service> Services, SeedErrors Errors) Validate(ServiceCatalogDocument doc, IReadOnlySet<string> existingKeys)
    {
        var errors = new SeedErrors();
        if (doc.FormatVersion != 1) errors.Add("formatVersion", "must be 1");
        errors.Count("services", doc.Services, Limits.Services);
        errors.Count("dependencies", doc.Dependencies, Limits.Dependencies);

        var byKey = new Dictionary<string, Service>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (s, i) in (doc.Services ?? []).Select((s, i) => (s, i)))
        {
            var path = $"services[{i}]";
            if (s is null) { errors.Add(path, "is null"); continue; }
            var key = errors.Text($"{path}.key", s.Key, Limits.SlugLength, required: true);
            var name = errors.Text($"{path}.name", s.Name, Limits.ServiceNameLength, required: true);
            var group = errors.Text($"{path}.group", s.Group, Limits.NameLength, required: true);
            var description = errors.Text($"{path}.description", s.Description, Limits.EventTextLength, required: false);
            var team = errors.Text($"{path}.ownerTeam", s.OwnerTeam, Limits.NameLength, required: false);
            if (s.Tier is not (>= 1 and <= 4)) errors.Add($"{path}.tier", "must be a number from 1 to 4");
            if (key is null || name is null || group is null) continue;
            if (!Slugs.IsValid(key)) errors.Add($"{path}.key", $"'{key}' must be lowercase letters, digits and '-'");
            else if (existingKeys.Contains(key)) errors.Add($"{path}.key", $"'{key}' is already in the catalog");
            else if (byKey.ContainsKey(key)) errors.Add($"{path}.key", $"'{key}' appears twice");
            if (!names.Add(name)) errors.Add($"{path}.name", $"'{name}' appears twice");
            var window = SeedEnum.Parse<SloWindow>(errors, $"{path}.sloWindow", s.SloWindow, required: false) ?? SloWindow.Rolling30Days;
            var service = new Service
            {
                Key = key, Name = name, Group = group, Description = description, OwnerTeam = team, Tier = s.Tier ?? 0,
                SloTarget = s.SloTarget, SloWindow = window,
                WeightMajorOutage = s.WeightMajorOutage ?? 1.0, WeightPartialOutage = s.WeightPartialOutage ?? 0.5, WeightDegraded = s.WeightDegraded ?? 0.1,
            };
            foreach (var (field, message) in Budgets.SloRules.Validate(service.SloTarget, service.SloWindow, service.WeightMajorOutage, service.WeightPartialOutage, service.WeightDegraded))
                errors.Add($"{path}.{char.ToLowerInvariant(field[0])}{field[1..]}", message);
            byKey[key] = service;
        }

        var edges = new HashSet<(string, string)>();
        foreach (var (d, i) in (doc.Dependencies ?? []).Select((d, i) => (d, i)))
        {
            var path = $"dependencies[{i}]";
            if (d is null) { errors.Add(path, "is null"); continue; }
            var from = Resolve(errors, $"{path}.service", d.Service, byKey);
            var to = Resolve(errors, $"{path}.dependsOn", d.DependsOn, byKey);
            if (from is null || to is null) continue;
            if (from == to) errors.Add(path, $"'{from.Key}' cannot depend on itself");
            else if (!edges.Add((from.Key, to.Key))) errors.Add(path, $"'{from.Key}' → '{to.Key}' appears twice");
            else from.DependsOn.Add(new ServiceDependency { Service = from, DependsOnService = to });
        }

        if (!errors.Any && DependencyCycles.Find(edges) is { } cycle)
            errors.Add("dependencies", $"form a cycle: {string.Join(" → ", cycle)}");
        return ([.. byKey.Values], errors);
    }

    private static Service? Resolve(SeedErrors errors, string path, string? key, Dictionary<string, Service> byKey)
    {
        if (string.IsNullOrWhiteSpace(key)) { errors.Add(path, "is required"); return null; }
        if (byKey.TryGetValue(key, out var s)) return s;
        errors.Add(path, $"unknown service '{key}'");
        return null;
    }
}
