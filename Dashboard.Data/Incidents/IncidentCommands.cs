using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Incidents;

public sealed class IncidentCommands(WriteDoor door)
{
    private const string Subject = "incident";

    /// <summary>Every view that shows an incident's title or numbers: its own pages, the tracker's rows and the services' histories.</summary>
    internal static ChangeScope[] Scopes(int incidentId) => [ChangeScope.Incident(incidentId), ChangeScope.Actions, ChangeScope.Catalog];

    public Task<CommandResult> CreateAsync(Actor actor, IncidentInput input, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            var (parsed, errors) = IncidentValidator.Validate(input);
            if (parsed is null) return w.Invalid(errors);
            var incident = new Incident
            {
                Slug = await UniqueSlugAsync(w.Db, Slugs.FromTitle(input.Title, parsed.Phases.ImpactStart), ct),
                Title = "", Organisation = "", Summary = "",
                CreatedAt = w.Now, PostmortemStatus = PostmortemStatus.Draft, Version = Guid.NewGuid(),
            };
            Apply(incident, input, parsed, w.Now);
            incident.IsPrivate = input.IsPrivate;
            if (incident.IsPrivate) IncidentAccessCommands.Join(incident, w);
            w.Db.Incidents.Add(incident);
            w.Audit(AuditActions.IncidentCreated, incident, SourcesChange([], incident.Sources)).Publish(ChangeScope.Actions, ChangeScope.Catalog);
            return w.Done(incident);
        }, ct);

    /// <summary>Saves the header fields, refused when someone else saved since <paramref name="version"/> was read.</summary>
    public Task<CommandResult> UpdateAsync(Actor actor, int id, Guid version, IncidentInput input, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            var (parsed, errors) = IncidentValidator.Validate(input);
            if (parsed is null) return w.Invalid(errors);
            var incident = await w.Db.Incidents.Include(i => i.Sources).SingleOrDefaultAsync(i => i.Id == id, ct);
            if (incident is null) return w.NotFound();
            var before = incident.Sources.Select(s => s.Title).ToList();
            w.Expect(incident, version);
            var status = incident.Status;
            Apply(incident, input, parsed, w.Now);
            w.Audit(status == incident.Status ? AuditActions.IncidentUpdated : AuditActions.IncidentStatusChanged, incident, SourcesChange(before, incident.Sources));
            w.Publish(AuditActions.IncidentUpdated, Scopes(id));
            return w.Done(incident);
        }, ct);

    /// <summary>Deletes the incident with everything it holds (ON DELETE CASCADE); its audit entries stay.</summary>
    public Task<CommandResult> DeleteAsync(Actor actor, int id, Guid version, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            var incident = await w.Db.Incidents.SingleOrDefaultAsync(i => i.Id == id, ct);
            if (incident is null) return w.NotFound();
            w.Expect(incident, version);
            w.Db.Incidents.Remove(incident);
            w.Audit(AuditActions.IncidentDeleted, incident).Publish(Scopes(id));
            return w.Done(incident);
        }, ct);

    private static IEnumerable<FieldChange> SourcesChange(List<string> before, List<IncidentSource> after)
    {
        var now = after.OrderBy(s => s.SortOrder).Select(s => s.Title).ToList();
        if (before.SequenceEqual(now)) return [];
        return [FieldChanges.Describe("Sources", before.Count == 0 ? null : string.Join("; ", before), now.Count == 0 ? null : string.Join("; ", now))];
    }

    private static void Apply(Incident incident, IncidentInput input, ParsedIncident parsed, DateTime now)
    {
        incident.Title = input.Title.Trim();
        incident.Organisation = input.Organisation.Trim();
        incident.Severity = input.Severity;
        incident.Status = input.Status;
        incident.Commander = Clean(input.Commander);
        incident.Tags = parsed.Tags;
        incident.TriggeredAt = parsed.Phases.Triggered;
        incident.StartedAt = parsed.Phases.Started;
        incident.DetectedAt = parsed.Phases.Detected;
        incident.AcknowledgedAt = parsed.Phases.Acknowledged;
        incident.MitigatedAt = parsed.Phases.Mitigated;
        incident.ResolvedAt = parsed.Phases.Resolved;
        incident.Summary = input.Summary.Trim();
        incident.Trigger = Clean(input.Trigger);
        incident.RootCause = Clean(input.RootCause);
        incident.CustomerImpact = Clean(input.CustomerImpact);
        incident.WhatSurprisedUs = Clean(input.WhatSurprisedUs);
        incident.IsNearMiss = input.IsNearMiss;
        incident.UpdatedAt = now;

        // Sources are replaced as a list; keeping the rows that did not change keeps their refs.
        var wanted = input.Sources.Select((s, i) => (Title: s.Title.Trim(), Url: Clean(s.Url), Order: i)).ToList();
        incident.Sources.RemoveAll(s => !wanted.Any(w => w.Title == s.Title && w.Url == s.Url));
        foreach (var w in wanted)
        {
            var existing = incident.Sources.FirstOrDefault(s => s.Title == w.Title && s.Url == w.Url);
            if (existing is null) incident.Sources.Add(new IncidentSource { Title = w.Title, Url = w.Url, SortOrder = w.Order });
            else existing.SortOrder = w.Order;
        }
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    internal static async Task<string> UniqueSlugAsync(IncidentBoardDbContext db, string baseSlug, CancellationToken ct)
    {
        var taken = await db.Incidents.Where(i => i.Slug == baseSlug || i.Slug.StartsWith(baseSlug + "-"))
            .Select(i => i.Slug).ToListAsync(ct);
        if (!taken.Contains(baseSlug)) return baseSlug;
        var n = 2;
        while (taken.Contains($"{baseSlug}-{n}")) n++;
        return $"{baseSlug}-{n}";
    }
}
