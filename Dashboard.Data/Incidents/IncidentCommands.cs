using Dashboard.Data.Domain;
using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Incidents;

public sealed record CommandResult(string? Slug, IReadOnlyDictionary<string, string> Errors, string? Conflict = null)
{
    public bool Succeeded => Errors.Count == 0 && Conflict is null;
    public static CommandResult Ok(string slug) => new(slug, new Dictionary<string, string>());
}

public sealed class IncidentCommands(IDbContextFactory<IncidentBoardDbContext> dbFactory, TimeProvider clock)
{
    public async Task<CommandResult> CreateAsync(IncidentInput input, CancellationToken ct = default)
    {
        var (parsed, errors) = IncidentValidator.Validate(input);
        if (parsed is null) return new CommandResult(null, errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var incident = new Incident
        {
            Slug = await UniqueSlugAsync(db, Slugs.FromTitle(input.Title, parsed.Phases.ImpactStart), ct),
            Title = "", Organisation = "", Summary = "",
            CreatedAt = now, PostmortemStatus = PostmortemStatus.Draft,
        };
        Apply(incident, input, parsed, now);
        db.Incidents.Add(incident);
        await db.SaveChangesAsync(ct);
        return CommandResult.Ok(incident.Slug);
    }

    /// <summary>Saves the header fields, refusing the save when someone else saved since <paramref name="version"/> was read.</summary>
    public async Task<CommandResult> UpdateAsync(int id, Guid version, IncidentInput input, CancellationToken ct = default)
    {
        var (parsed, errors) = IncidentValidator.Validate(input);
        if (parsed is null) return new CommandResult(null, errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var incident = await db.Incidents.Include(i => i.Sources).SingleOrDefaultAsync(i => i.Id == id, ct);
        if (incident is null) return new CommandResult(null, errors, "This incident no longer exists; someone deleted it.");
        // The original value of the token is what the form read, so EF's UPDATE … WHERE Version = @read
        // touches no row when another save came in between.
        db.Entry(incident).Property(i => i.Version).OriginalValue = version;
        Apply(incident, input, parsed, clock.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(ct);
            return CommandResult.Ok(incident.Slug);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new CommandResult(null, errors, "Someone else saved this incident after you opened it. Reload to see their changes, then edit again.");
        }
    }

    public async Task<bool> DeleteAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Children go with it through ON DELETE CASCADE, in the same statement.
        return await db.Incidents.Where(i => i.Id == id).ExecuteDeleteAsync(ct) > 0;
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
        incident.UpdatedAt = now;
        incident.Version = Guid.NewGuid();

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

    private static async Task<string> UniqueSlugAsync(IncidentBoardDbContext db, string baseSlug, CancellationToken ct)
    {
        var taken = await db.Incidents.Where(i => i.Slug == baseSlug || i.Slug.StartsWith(baseSlug + "-"))
            .Select(i => i.Slug).ToListAsync(ct);
        if (!taken.Contains(baseSlug)) return baseSlug;
        var n = 2;
        while (taken.Contains($"{baseSlug}-{n}")) n++;
        return $"{baseSlug}-{n}";
    }
}
