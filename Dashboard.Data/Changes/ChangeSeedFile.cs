using Dashboard.Data.Audit;
using Dashboard.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Incidents;

namespace Dashboard.Data.Changes;

/// <summary>seed-data/changes.json: the changes that set off the seeded outages (documented in seed-data/README.md).</summary>
public sealed class ChangeSeedDocument
{
    public int? FormatVersion { get; set; }
    public List<ChangeSeedItem?>? Changes { get; set; }
}

public sealed class ChangeSeedItem
{
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
    /// <summary>The slug of a seeded incident this change triggered; the change is marked as its trigger.</summary>
    public string? Triggered { get; set; }
}

/// <summary>
/// Validates a changes seed file whole, with the rules the API applies, and writes it in the seeder's
/// transaction: a file with any bad item leaves nothing behind.
/// </summary>
internal static class ChangeSeedFile
{
    public const int MaxChanges = 10_000;

    public static async Task<(int Changes, int Marks, SeedErrors Errors)> ImportAsync(Write w, ChangeSeedDocument doc, CancellationToken ct)
    {
        var errors = new SeedErrors();
        if (doc.FormatVersion != 1) errors.Add("formatVersion", "must be 1");
        errors.Count("changes", doc.Changes, MaxChanges);
        var items = doc.Changes ?? [];
        var keys = items.SelectMany(i => i?.Services ?? []).Where(k => k is not null).Select(k => k!.Trim()).Distinct().ToList();
        var services = await w.Db.Services.AsNoTracking().Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, s => s.Id, ct);
        var slugs = items.Select(i => i?.Triggered?.Trim()).Where(s => s is not null).Distinct().ToList();
        var incidents = await w.VisibleIncidents().AsNoTracking().Where(i => slugs.Contains(i.Slug)).ToDictionaryAsync(i => i.Slug, i => i.Id, ct);
        var externalIds = new HashSet<string>(StringComparer.Ordinal);
        var triggered = new HashSet<int>();
        var changes = new List<(ChangeEvent Change, int? Incident)>();

        foreach (var (item, n) in items.Select((x, n) => (x, n)))
        {
            var path = $"changes[{n}]";
            if (item is null) { errors.Add(path, "is null"); continue; }
            var own = new Dictionary<string, string>();
            var valid = ChangeRules.Validate(new ChangeInput
            {
                ExternalId = item.ExternalId, Kind = item.Kind, Services = item.Services, Environment = item.Environment, StartedAt = item.StartedAt,
                EndedAt = item.EndedAt, Author = item.Author, Title = item.Title, Link = item.Link, Labels = item.Labels,
            }, own);
            // A seed file must say which change it is, so a re-seeded database can never hold it twice.
            if (string.IsNullOrWhiteSpace(item.ExternalId)) own[nameof(item.ExternalId)] = "is required in a seed file";
            else if (!externalIds.Add(item.ExternalId.Trim())) own[nameof(item.ExternalId)] = $"'{item.ExternalId.Trim()}' appears twice";
            foreach (var (k, i) in (item.Services ?? []).Select((k, i) => (k?.Trim(), i)))
                if (k is not null && !services.ContainsKey(k)) own[$"services[{i}]"] = $"unknown service '{k}'";
            int? incident = null;
            if (item.Triggered?.Trim() is { Length: > 0 } slug)
            {
                if (!incidents.TryGetValue(slug, out var id)) own[nameof(item.Triggered)] = $"there is no incident '{slug}' (its file imports before this one)";
                else if (!triggered.Add(id)) own[nameof(item.Triggered)] = $"'{slug}' already has a trigger in this file";
                else incident = id;
            }
            foreach (var (field, message) in own) errors.Add($"{path}.{char.ToLowerInvariant(field[0])}{field[1..]}", message);
            if (valid is null || own.Count > 0) continue;
            changes.Add((new ChangeEvent
            {
                ExternalId = valid.ExternalId, Kind = valid.Kind, Title = valid.Title, Environment = valid.Environment, StartedAt = valid.StartedAt,
                EndedAt = valid.EndedAt, Author = valid.Author, Link = valid.Link, Labels = valid.Labels, Origin = "seed", RecordedAt = w.Now,
                Version = Guid.NewGuid(), Services = [.. valid.ServiceKeys.Select(k => new ChangeService { ServiceId = services[k], StartedAt = valid.StartedAt })],
            }, incident));
        }
        if (errors.Any) return (0, 0, errors);

        var stored = await w.Db.ChangeEvents.Where(c => externalIds.Contains(c.ExternalId!)).Select(c => c.ExternalId!).ToListAsync(ct);
        foreach (var id in stored) errors.Add("changes", $"'{id}' is already stored");
        if (errors.Any) return (0, 0, errors);
        w.Db.ChangeEvents.AddRange(changes.Select(c => c.Change));
        await w.Db.SaveChangesAsync(ct); // the marks need the changes' ids
        foreach (var (change, incident) in changes.Where(c => c.Incident is not null))
        {
            w.Db.ChangeMarks.Add(new ChangeMark { IncidentId = incident!.Value, ChangeEventId = change.Id, Role = ChangeRole.Trigger, MarkedAt = w.Now, MarkedBy = w.Actor.DisplayName });
            w.Audit(AuditActions.ChangeMarked, change.ExternalId!, incident, new FieldChange("Role", null, ChangeCommands.Word(ChangeRole.Trigger)));
        }
        return (changes.Count, triggered.Count, errors);
    }
}
