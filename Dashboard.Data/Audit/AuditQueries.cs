using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;
using Dashboard.Data.ApiKeys;

namespace Dashboard.Data.Audit;

public sealed class AuditQueries(IDbContextFactory<IncidentBoardDbContext> dbFactory)
{
    public const int MaxPageSize = 200;

    /// <summary>The entity types the door writes, for the page's filter.</summary>
    public static readonly string[] EntityTypes = ["incident", "timeline_event", "impact_window", "action", "postmortem", "service", "dependency", "catalog"];

    /// <summary>What a reader who may not see the other end of a link reads in its place.</summary>
    public const string HiddenIncident = "(an incident you cannot see)";

    private const int ExportBatch = 500;

    public async Task<AuditListing> ListAsync(Actor viewer, AuditQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Max(0, query.Page);
        var rows = await Filter(db, query, viewer).OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip(page * size).Take(size + 1).ToListAsync(ct);
        return new AuditListing(await ShownAsync(db, viewer, rows.Take(size), ct), page, size, rows.Count > size);
    }

    /// <summary>Every entry matching the filters, newest first, for export; capped so one request cannot exhaust memory.</summary>
    public async IAsyncEnumerable<AuditRow> ExportAsync(Actor viewer, AuditQuery query, int max = 100_000,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The other ends of links are looked up on a second context: the first one is still reading the entries.
        await using var lookup = viewer.SeesAllIncidents ? null : await dbFactory.CreateDbContextAsync(ct);
        var batch = new List<AuditEntry>(ExportBatch);
        await foreach (var entry in Filter(db, query, viewer).OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(max).AsAsyncEnumerable().WithCancellation(ct))
        {
            batch.Add(entry);
            if (batch.Count < ExportBatch) continue;
            foreach (var row in await ShownAsync(lookup, viewer, batch, ct)) yield return row;
            batch.Clear();
        }
        foreach (var row in await ShownAsync(lookup, viewer, batch, ct)) yield return row;
    }

    private static IQueryable<AuditEntry> Filter(IncidentBoardDbContext db, AuditQuery q, Actor viewer)
    {
        var entries = db.AuditEntries.AsNoTracking().VisibleTo(db.Incidents, viewer);
        if (!string.IsNullOrWhiteSpace(q.Actor)) entries = entries.Where(a => a.Actor == q.Actor.Trim());
        if (!string.IsNullOrWhiteSpace(q.Action)) entries = entries.Where(a => a.Action == q.Action.Trim());
        if (!string.IsNullOrWhiteSpace(q.EntityType)) entries = entries.Where(a => a.EntityType == q.EntityType.Trim());
        if (q.IncidentId is { } id) entries = entries.Where(a => a.IncidentId == id);
        // By slug the entry still matches after its incident was deleted (the slug is kept on the entry).
        if (!string.IsNullOrWhiteSpace(q.IncidentSlug)) entries = entries.Where(a => a.IncidentSlug == q.IncidentSlug.Trim());
        if (q.From is { } from) entries = entries.Where(a => a.At >= from);
        if (q.To is { } to) entries = entries.Where(a => a.At < to);
        return entries;
    }

    /// <summary>
    /// The entries as this reader may read them. A link's entry on one incident names the incident at
    /// its other end; below admin that slug is shown only when the reader may see that incident now
    /// (it may have turned private since, or been deleted), so a public incident's History never
    /// leads to a private one. The entry itself stays: the history of the incident it is on is the reader's.
    /// </summary>
    private static async Task<List<AuditRow>> ShownAsync(IncidentBoardDbContext? db, Actor viewer, IEnumerable<AuditEntry> entries, CancellationToken ct)
    {
        var rows = entries.Select(ToRow).ToList();
        if (db is null || viewer.SeesAllIncidents || rows.Count == 0) return rows;
        var named = rows.Select(OtherIncident).OfType<string>().Distinct().ToList();
        HashSet<string> seen = named.Count == 0 ? [] :
            (await db.Incidents.AsNoTracking().VisibleTo(viewer).Where(i => named.Contains(i.Slug)).Select(i => i.Slug).ToListAsync(ct)).ToHashSet();
        var names = await PeopleAsync(db, rows, ct);
        return [.. rows.Select(r => OtherIncident(r) is { } slug && !seen.Contains(slug) ? Hide(r, slug) : r).Select(r => r with { Actor = Named(r, names) })];
    }

    /// <summary>
    /// Below admin, the trail names people as the rest of the app does, by display name: an incident's
    /// History is open to every reader of the incident, signed-out wall displays included, and the
    /// audit name of a person (or of an API key's owner) is an email address. Admins read it as written.
    /// </summary>
    private static async Task<Dictionary<string, string>> PeopleAsync(IncidentBoardDbContext db, List<AuditRow> rows, CancellationToken ct)
    {
        var emails = rows.Select(r => r.ActorKind switch
        {
            ActorKind.Person => r.Actor,
            ActorKind.ApiKey => KeyOwner(r.Actor).Owner,
            _ => null,
        }).OfType<string>().Distinct().ToList();
        if (emails.Count == 0) return [];
        return await db.Users.AsNoTracking().Where(u => u.Email != null && emails.Contains(u.Email))
            .ToDictionaryAsync(u => u.Email!, u => u.DisplayName, StringComparer.Ordinal, ct);
    }

    /// <summary>A former user (no account holds the address any more) is not named by their address either.</summary>
    private static string Named(AuditRow r, Dictionary<string, string> names)
    {
        string Person(string email) => names.GetValueOrDefault(email) ?? (email.Contains('@') ? "a former user" : email);
        return r.ActorKind switch
        {
            ActorKind.Person => Person(r.Actor),
            ActorKind.ApiKey when KeyOwner(r.Actor) is { Key: { } key, Owner: { } owner } => $"{key} (owner {Person(owner)})",
            _ => r.Actor,
        };
    }

    /// <summary>An API key's audit name, "API key <name> (owner <email>)" (see ApiKeyIdentity.AuditName), split in two.</summary>
    private static (string? Key, string? Owner) KeyOwner(string auditName)
    {
        const string marker = " (owner ";
        var at = auditName.LastIndexOf(marker, StringComparison.Ordinal);
        return at < 0 || !auditName.EndsWith(')') ? (null, null) : (auditName[..at], auditName[(at + marker.Length)..^1]);
    }

    /// <summary>The incident at a link's other end: the one value its entry's single change holds (see IncidentLinkCommands).</summary>
    private static string? OtherIncident(AuditRow r) =>
        r.EntityType == "incident_link" && r.Changes.Count == 1 ? r.Changes[0].New ?? r.Changes[0].Old : null;

    private static AuditRow Hide(AuditRow r, string slug)
    {
        string? Mask(string? value) => value == slug ? HiddenIncident : value;
        // The key reads "<from> <kind> <to>"; slugs hold no spaces, so the other end is one whole word of it.
        var key = string.Join(' ', r.EntityKey.Split(' ').Select(word => Mask(word)));
        return r with { EntityKey = key, Changes = [.. r.Changes.Select(c => c with { Old = Mask(c.Old), New = Mask(c.New) })] };
    }

    private static AuditRow ToRow(AuditEntry a) =>
        new(a.Id, a.At, a.Actor, a.ActorKind, a.Action, a.EntityType, a.EntityKey, a.IncidentId, a.IncidentSlug, FieldChanges.Deserialize(a.Changes), a.Source);
}
