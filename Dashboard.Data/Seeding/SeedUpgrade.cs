using Dashboard.Data.Audit;
using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Catalog;
using Dashboard.Data.Graph;
using Dashboard.Data.Incidents;

namespace Dashboard.Data.Seeding;

/// <summary>
/// Brings what an earlier release seeded up to today's seed folder, inside the caller's pass through the
/// door: catalog entries and dependencies the database lacks are added, seeded facts the folder now
/// states differently are corrected, and follow-ups and sources the folder now lists are added.
/// <para>
/// Nothing a user wrote is overwritten. Every write goes through the door, which audits who changed
/// which field, so a field that any audit entry by someone other than the seeder names is the user's
/// and stays as it is; a service, dependency or follow-up a user removed is not brought back.
/// Databases older than the audit trail carry no such entries for the edits made then; an incident
/// whose <c>UpdatedAt</c> matches no audit entry was edited unaudited, and its facts are all left alone.
/// Rows the seed wrote are told apart without a schema of their own: the seeder is the only writer
/// that audits as <c>system</c> or <c>seed</c>. Timeline events and impact windows are not corrected:
/// they carry no key that survives a seed file's edits, so a changed one cannot be told from a new one.
/// </para>
/// </summary>
internal static class SeedUpgrade
{
    /// <summary>The upgrade's own actor, so the audit trail tells today's corrections from the first import (<c>system</c>).</summary>
    public static Actor Actor { get; } = new(ActorKind.System, "seed", Role.Owner, ChangeSource.Seed);

    private static readonly string[] SeedActors = ["system", "seed"];

    private static readonly string[] PhaseFields = ["TriggeredAt", "StartedAt", "DetectedAt", "AcknowledgedAt", "MitigatedAt", "ResolvedAt"];

    /// <summary>The incident's own facts a seed file states, by the field name the audit trail uses.</summary>
    private static readonly (string Field, Func<Incident, object?> Get, Action<Incident, Incident> Copy)[] IncidentFacts =
    [
        ("Title", i => i.Title, (to, from) => to.Title = from.Title),
        ("Organisation", i => i.Organisation, (to, from) => to.Organisation = from.Organisation),
        ("Severity", i => i.Severity, (to, from) => to.Severity = from.Severity),
        ("Status", i => i.Status, (to, from) => to.Status = from.Status),
        ("Commander", i => i.Commander, (to, from) => to.Commander = from.Commander),
        ("SourceTimeZone", i => i.SourceTimeZone, (to, from) => to.SourceTimeZone = from.SourceTimeZone),
        ("Tags", i => i.Tags, (to, from) => to.Tags = from.Tags),
        ("Summary", i => i.Summary, (to, from) => to.Summary = from.Summary),
        ("Trigger", i => i.Trigger, (to, from) => to.Trigger = from.Trigger),
        ("RootCause", i => i.RootCause, (to, from) => to.RootCause = from.RootCause),
        ("CustomerImpact", i => i.CustomerImpact, (to, from) => to.CustomerImpact = from.CustomerImpact),
        ("WhatSurprisedUs", i => i.WhatSurprisedUs, (to, from) => to.WhatSurprisedUs = from.WhatSurprisedUs),
    ];

    private static readonly (string Field, Func<Service, object?> Get, Action<Service, Service> Copy)[] ServiceFacts =
    [
        ("Name", s => s.Name, (to, from) => to.Name = from.Name),
        ("Group", s => s.Group, (to, from) => to.Group = from.Group),
        ("Description", s => s.Description, (to, from) => to.Description = from.Description),
        ("OwnerTeam", s => s.OwnerTeam, (to, from) => to.OwnerTeam = from.OwnerTeam),
        ("Tier", s => s.Tier, (to, from) => to.Tier = from.Tier),
        ("SloTarget", s => s.SloTarget, (to, from) => to.SloTarget = from.SloTarget),
        ("SloWindow", s => s.SloWindow, (to, from) => to.SloWindow = from.SloWindow),
        ("WeightMajorOutage", s => s.WeightMajorOutage, (to, from) => to.WeightMajorOutage = from.WeightMajorOutage),
        ("WeightPartialOutage", s => s.WeightPartialOutage, (to, from) => to.WeightPartialOutage = from.WeightPartialOutage),
        ("WeightDegraded", s => s.WeightDegraded, (to, from) => to.WeightDegraded = from.WeightDegraded),
    ];

    /// <summary>What one upgrade did, for the start-up log and the Status page.</summary>
    public sealed class Tally
    {
        public int Added { get; set; }
        public int Corrected { get; set; }
        public List<string> Kept { get; } = [];

        public override string ToString() =>
            $"{Added} added, {Corrected} corrected" + (Kept.Count == 0 ? "" : $", kept as a user left them: {string.Join(", ", Kept)}");
    }

    public static async Task<(Tally? Tally, IReadOnlyList<string> Errors)> CatalogAsync(Write w, ServiceCatalogDocument doc, CancellationToken ct)
    {
        var (wanted, errors) = ServiceCatalogValidator.Validate(doc, new HashSet<string>());
        if (errors.Any) return (null, errors.Items);
        var tally = new Tally();
        var userAudits = await UserAuditsAsync(w.Db.AuditEntries.Where(a => a.EntityType == "service" || a.EntityType == "dependency"), ct);
        var services = await w.Db.Services.Include(s => s.DependsOn).ThenInclude(d => d.DependsOnService).ToDictionaryAsync(s => s.Key, ct);
        var names = services.Values.Select(s => s.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

        foreach (var seed in wanted)
        {
            if (services.TryGetValue(seed.Key, out var current))
            {
                var edited = EditedFields(userAudits.Where(a => a.EntityKey == seed.Key));
                var changed = false;
                foreach (var (field, get, copy) in ServiceFacts)
                {
                    if (Equals(get(current), get(seed))) continue;
                    // Another service may hold the name by now; a unique name is the user's to sort out.
                    if (edited.Contains(field) || (field == "Name" && names.Contains(seed.Name))) { tally.Kept.Add($"{seed.Key}.{field}"); continue; }
                    copy(current, seed);
                    changed = true;
                }
                if (!changed) continue;
                current.Version = Guid.NewGuid();
                w.Audit(AuditActions.ServiceUpdated, current);
                tally.Corrected++;
            }
            else if (userAudits.Any(a => a.Action == AuditActions.ServiceDeleted && a.EntityKey == seed.Key))
                tally.Kept.Add($"{seed.Key} (removed)");
            else if (!names.Contains(seed.Name))
            {
                var added = new Service
                {
                    Key = seed.Key, Name = seed.Name, Group = seed.Group, Description = seed.Description, OwnerTeam = seed.OwnerTeam, Tier = seed.Tier,
                    SloTarget = seed.SloTarget, SloWindow = seed.SloWindow, WeightMajorOutage = seed.WeightMajorOutage,
                    WeightPartialOutage = seed.WeightPartialOutage, WeightDegraded = seed.WeightDegraded, Version = Guid.NewGuid(),
                };
                w.Db.Services.Add(added);
                services[added.Key] = added;
                names.Add(added.Name);
                w.Audit(AuditActions.ServiceCreated, added);
                tally.Added++;
            }
            else tally.Kept.Add($"{seed.Key} (its name is taken)");
        }

        var edges = services.Values.SelectMany(s => s.DependsOn.Select(d => (s.Key, d.DependsOnService!.Key))).ToHashSet();
        foreach (var (from, to) in wanted.SelectMany(s => s.DependsOn.Select(d => (s.Key, d.DependsOnService!.Key))))
        {
            if (edges.Contains((from, to)) || !services.ContainsKey(from) || !services.ContainsKey(to)) continue;
            var key = $"{from}→{to}";
            if (userAudits.Any(a => a.Action == AuditActions.DependencyDeleted && a.EntityKey == key)) { tally.Kept.Add($"{key} (removed)"); continue; }
            // A user's own edges may close a circle with a seeded one; the catalog stays a graph without cycles.
            if (DependencyCycles.Find([.. edges, (from, to)]) is not null) { tally.Kept.Add($"{key} (would close a cycle)"); continue; }
            edges.Add((from, to));
            services[from].DependsOn.Add(new ServiceDependency { Service = services[from], DependsOnService = services[to] });
            w.Audit(AuditActions.DependencyCreated, key, null, new FieldChange("Depends on", null, to));
            tally.Added++;
        }
        if (tally.Added + tally.Corrected > 0) w.Publish(AuditActions.CatalogSeeded, ChangeScope.Catalog);
        return (tally, []);
    }

    public static async Task<(Tally? Tally, IReadOnlyList<string> Errors)> IncidentAsync(
        Write w, IncidentDocument doc, string? postmortem, CancellationToken ct)
    {
        var tally = new Tally();
        var slug = doc.Slug?.Trim();
        var incident = await w.Db.Incidents.Include(i => i.Sources).Include(i => i.Actions).SingleOrDefaultAsync(i => i.Slug == slug, ct);
        if (incident is null)
        {
            // Deleted by a user (the seed never deletes): it stays deleted.
            tally.Kept.Add($"{slug} (removed)");
            return (tally, []);
        }
        var serviceIds = await w.Db.Services.ToDictionaryAsync(s => s.Key, s => s.Id, ct);
        var (seed, errors) = IncidentSeedValidator.Validate(doc, serviceIds, new HashSet<string>(), w.Now);
        if (seed is null) return (null, errors.Items);
        seed.PostmortemMarkdown = postmortem;

        var audits = await w.Db.AuditEntries.Where(a => a.IncidentId == incident.Id).ToListAsync(ct);
        var userAudits = audits.Where(a => !SeedActors.Contains(a.Actor)).ToList();
        // Each door write stamps the row and its audit entry with the same time.
        var unauditedEdit = incident.UpdatedAt > incident.CreatedAt && !audits.Any(a => a.At == incident.UpdatedAt);
        var edited = EditedFields(userAudits.Where(a => a.EntityType is "incident" or "postmortem"));
        if (userAudits.Any(a => a.EntityType == "postmortem")) edited.Add("PostmortemMarkdown");

        var facts = IncidentFacts.Append(("PostmortemMarkdown", i => i.PostmortemMarkdown, (to, from) => to.PostmortemMarkdown = from.PostmortemMarkdown));
        var corrected = false;
        foreach (var (field, get, copy) in facts)
        {
            if (Equals(get(incident), get(seed))) continue;
            if (unauditedEdit || edited.Contains(field)) { tally.Kept.Add(field); continue; }
            copy(incident, seed);
            corrected = true;
            tally.Corrected++;
        }
        // The phases are one fact: correcting some of them beside a user's own could leave them out of order.
        if (PhaseFields.Any(f => !Equals(Phase(incident, f), Phase(seed, f))))
        {
            if (unauditedEdit || PhaseFields.Any(edited.Contains)) tally.Kept.Add("Phases");
            else
            {
                (incident.TriggeredAt, incident.StartedAt, incident.DetectedAt, incident.AcknowledgedAt, incident.MitigatedAt, incident.ResolvedAt) =
                    (seed.TriggeredAt, seed.StartedAt, seed.DetectedAt, seed.AcknowledgedAt, seed.MitigatedAt, seed.ResolvedAt);
                corrected = true;
                tally.Corrected++;
            }
        }

        var missingSources = seed.Sources.Where(s => !incident.Sources.Any(have => have.Url == s.Url && (s.Url is not null || have.Title == s.Title))).ToList();
        if (missingSources.Count > 0)
        {
            if (unauditedEdit || edited.Contains("Sources")) tally.Kept.Add("Sources");
            else
            {
                var order = incident.Sources.Count == 0 ? 0 : incident.Sources.Max(s => s.SortOrder) + 1;
                foreach (var s in missingSources)
                    incident.Sources.Add(new IncidentSource { Ref = incident.Sources.Any(have => have.Ref == s.Ref) ? null : s.Ref, Title = s.Title, Url = s.Url, Grade = s.Grade, SortOrder = order++ });
                corrected = true;
                tally.Added += missingSources.Count;
            }
        }
        if (corrected)
        {
            incident.UpdatedAt = w.Now;
            incident.Version = Guid.NewGuid();
            w.Audit(AuditActions.IncidentUpdated, incident, missingSources.Count == 0 || tally.Kept.Contains("Sources") ? [] :
                [new FieldChange("Sources", null, string.Join("; ", missingSources.Select(s => s.Title)))]);
        }

        // Follow-ups are known by their title; one a user deleted stays deleted.
        var deletedTitles = userAudits.Where(a => a.Action == AuditActions.ActionDeleted)
            .SelectMany(a => FieldChanges.Deserialize(a.Changes)).Where(c => c.Field == "Title").Select(c => c.Old).ToHashSet();
        foreach (var action in seed.Actions.Where(a => !incident.Actions.Any(have => have.Title == a.Title)))
        {
            if (deletedTitles.Contains(action.Title)) { tally.Kept.Add($"action '{action.Title}' (removed)"); continue; }
            incident.Actions.Add(action);
            w.Audit(AuditActions.ActionCreated, action);
            tally.Added++;
        }
        if (tally.Added + tally.Corrected > 0) w.Publish(AuditActions.IncidentUpdated, ChangeScope.Incident(incident.Id), ChangeScope.Actions);
        return (tally, []);
    }

    private static DateTime? Phase(Incident i, string field) => field switch
    {
        "TriggeredAt" => i.TriggeredAt,
        "StartedAt" => i.StartedAt,
        "DetectedAt" => i.DetectedAt,
        "AcknowledgedAt" => i.AcknowledgedAt,
        "MitigatedAt" => i.MitigatedAt,
        _ => i.ResolvedAt,
    };

    private static async Task<List<AuditEntry>> UserAuditsAsync(IQueryable<AuditEntry> entries, CancellationToken ct) =>
        await entries.Where(a => !SeedActors.Contains(a.Actor)).ToListAsync(ct);

    private static HashSet<string> EditedFields(IEnumerable<AuditEntry> userAudits) =>
        userAudits.SelectMany(a => FieldChanges.Deserialize(a.Changes)).Select(c => c.Field).ToHashSet(StringComparer.Ordinal);
}
