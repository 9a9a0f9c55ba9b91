using Dashboard.Data.Audit;
using Dashboard.Data.Incidents;
using Dashboard.Data.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Changes;

/// <summary>
/// A marked change as an exported postmortem carries it in its front matter: the whole change (so the
/// file can be imported where the change was never recorded) and the responder's mark.
/// </summary>
public sealed class ChangeMarkDocument
{
    /// <summary>trigger or contributing.</summary>
    public string? Role { get; set; }
    public string? ExternalId { get; set; }
    public string? Kind { get; set; }
    public List<string?>? Services { get; set; }
    public string? Environment { get; set; }
    public string? StartedAt { get; set; }
    public string? EndedAt { get; set; }
    public string? Author { get; set; }
    public string? Title { get; set; }
    public string? Link { get; set; }
    public List<string?>? Labels { get; set; }
}

/// <summary>
/// Writes an incident's change marks into its exported file and restores them on import. On import a
/// change already stored (by its external id, or without one by its start, title and author) is the one
/// marked, as it stands: the stored change is the truth, as the catalog is for services. Others are recorded anew.
/// </summary>
public static class ChangeMarkDocuments
{
    /// <summary>Marks one file may carry: a trigger and the contributing changes a postmortem names, with room to spare.</summary>
    public const int MarksPerIncident = 100;

    public static async Task<List<ChangeMarkDocument?>> ExportAsync(IncidentBoardDbContext db, int incidentId, CancellationToken ct)
    {
        var marks = await db.ChangeMarks.AsNoTracking().Where(m => m.IncidentId == incidentId)
            .Select(m => new { m.Role, m.ChangeEventId, Change = m.ChangeEvent!, Services = m.ChangeEvent!.Services.Select(s => s.Service!.Key).ToList() })
            .ToListAsync(ct);
        // The trigger first, by the enum's order: the role is stored as its name, which would sort it last in SQL.
        return [.. marks.OrderBy(m => m.Role).ThenBy(m => m.Change.StartedAt).ThenBy(m => m.ChangeEventId).Select(m => (ChangeMarkDocument?)new ChangeMarkDocument
        {
            Role = ChangeCommands.Word(m.Role), ExternalId = m.Change.ExternalId, Kind = ChangeRules.Name(m.Change.Kind),
            Services = [.. m.Services.Order(StringComparer.Ordinal)], Environment = m.Change.Environment,
            StartedAt = Iso(m.Change.StartedAt), EndedAt = m.Change.EndedAt is { } e ? Iso(e) : null,
            Author = m.Change.Author, Title = m.Change.Title, Link = m.Change.Link,
            Labels = m.Change.Labels is null ? null : [.. ChangeRules.LabelsOf(m.Change.Labels)],
        })];
    }

    /// <summary>The catalog ids of the services the marked changes touched, so the export carries their catalog entries too.</summary>
    public static Task<List<int>> ServiceIdsAsync(IncidentBoardDbContext db, int incidentId, CancellationToken ct) =>
        db.ChangeMarks.AsNoTracking().Where(m => m.IncidentId == incidentId).SelectMany(m => m.ChangeEvent!.Services.Select(s => s.ServiceId)).Distinct().ToListAsync(ct);

    /// <summary>
    /// Adds the file's marks to the new (still unsaved) incident, recording the changes the database
    /// lacks. Errors name each bad item as changes[n].field; on any, nothing is added.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AddAsync(Write w, Incident incident, List<ChangeMarkDocument?>? documents, IReadOnlyDictionary<string, int> serviceIds, CancellationToken ct)
    {
        if (documents is not { Count: > 0 }) return [];
        var errors = new SeedErrors();
        errors.Count("changes", documents, MarksPerIncident);
        if (documents.Count > MarksPerIncident) return errors.Items;
        var valid = new List<(ValidChange Change, ChangeRole Role)>();
        var triggers = 0;
        foreach (var (item, n) in documents.Select((x, n) => (x, n)))
        {
            var path = $"changes[{n}]";
            if (item is null) { errors.Add(path, "is null"); continue; }
            var own = new Dictionary<string, string>();
            var change = ChangeRules.Validate(new ChangeInput
            {
                ExternalId = item.ExternalId, Kind = item.Kind, Services = item.Services, Environment = item.Environment, StartedAt = item.StartedAt,
                EndedAt = item.EndedAt, Author = item.Author, Title = item.Title, Link = item.Link, Labels = item.Labels,
            }, own);
            ChangeRole? role = item.Role?.Trim().ToLowerInvariant() switch { "trigger" => ChangeRole.Trigger, "contributing" => ChangeRole.Contributing, _ => null };
            if (role is null) own[nameof(item.Role)] = $"'{item.Role}' is not a mark: trigger or contributing";
            else if (role == ChangeRole.Trigger && ++triggers > 1) own[nameof(item.Role)] = "an incident has one trigger; this file names another";
            foreach (var (k, i) in (item.Services ?? []).Select((k, i) => (k?.Trim(), i)))
                if (k is not null && Slugs.IsValid(k) && !serviceIds.ContainsKey(k)) own[$"services[{i}]"] = $"unknown service '{k}'";
            foreach (var (field, message) in own) errors.Add($"{path}.{char.ToLowerInvariant(field[0])}{field[1..]}", message);
            if (change is not null && role is not null && own.Count == 0) valid.Add((change, role.Value));
        }
        if (errors.Any) return errors.Items;

        // Two items of one file for the same change would be two marks for one key: the first stands.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (v, role) in valid)
        {
            if (!seen.Add(v.ExternalId ?? $"{v.StartedAt:O}\n{v.Title}\n{v.Author}")) continue;
            var stored = v.ExternalId is { } id
                ? await w.Db.ChangeEvents.SingleOrDefaultAsync(c => c.ExternalId == id, ct)
                : await w.Db.ChangeEvents.OrderBy(c => c.Id).FirstOrDefaultAsync(c => c.ExternalId == null && c.StartedAt == v.StartedAt && c.Title == v.Title && c.Author == v.Author, ct);
            var change = stored ?? new ChangeEvent
            {
                ExternalId = v.ExternalId, Kind = v.Kind, Title = v.Title, Environment = v.Environment, StartedAt = v.StartedAt, EndedAt = v.EndedAt,
                Author = v.Author, Link = v.Link, Labels = v.Labels, Origin = "import", RecordedAt = w.Now, Version = Guid.NewGuid(),
                Services = [.. v.ServiceKeys.Select(k => new ChangeService { ServiceId = serviceIds[k], StartedAt = v.StartedAt })],
            };
            if (stored is null) w.Db.ChangeEvents.Add(change);
            w.Db.ChangeMarks.Add(new ChangeMark { Incident = incident, ChangeEvent = change, Role = role, MarkedAt = w.Now, MarkedBy = w.Actor.DisplayName });
        }
        return [];
    }

    /// <summary>As the rest of the front matter writes times: ISO 8601 in UTC, to the tick.</summary>
    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What the import brought, for the incident's own audit entry.</summary>
    public static FieldChange Count(Write w) =>
        new("Change marks", null, w.Db.ChangeTracker.Entries<ChangeMark>().Count(e => e.State == EntityState.Added).ToString(System.Globalization.CultureInfo.InvariantCulture));
}
