using Dashboard.Data.Learning;
using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Incidents;

namespace Dashboard.Data.Seeding;

/// <summary>
/// The links a seed file or an imported postmortem declares, checked against the incidents already
/// in the database (a link to a slug that does not exist yet is refused, so the seeder imports a
/// file after the files it links to). "repeated-by" and "causes" are stored from the other incident.
/// </summary>
internal static class DocumentLinks
{
    public static async Task<(List<Func<Incident, IncidentLink>> Links, List<string> Errors)> ResolveAsync(
        IQueryable<Incident> incidents, IncidentDocument doc, DateTime now, CancellationToken ct)
    {
        var links = new List<Func<Incident, IncidentLink>>();
        var errors = new List<string>();
        if (doc.Links is null) return (links, errors);
        if (doc.Links.Count > Limits.LinksPerIncident) return (links, [$"links: has {doc.Links.Count} items; the limit is {Limits.LinksPerIncident}"]);
        var slugs = doc.Links.Select(l => l?.Slug?.Trim()).Where(s => !string.IsNullOrEmpty(s)).Distinct().ToList();
        var known = await incidents.Where(i => slugs.Contains(i.Slug))
            .ToDictionaryAsync(i => i.Slug, i => new End(i.Id, i.Slug, i.StartedAt ?? i.TriggeredAt), ct);
        var self = new End(0, doc.Slug?.Trim() ?? "", UtcStart(doc.Phases));
        var declared = new List<(End From, End To, IncidentLinkKind Kind)>();
        foreach (var (l, n) in doc.Links.Select((l, n) => (l, n)))
        {
            var path = $"links[{n}]";
            if (l is null) { errors.Add($"{path}: is null"); continue; }
            if (l.Kind is null || !LinkKinds.Words.TryGetValue(l.Kind.Trim(), out var word))
            {
                errors.Add($"{path}.kind: '{l.Kind}' is not one of: {string.Join(", ", LinkKinds.Words.Keys)}");
                continue;
            }
            var slug = l.Slug?.Trim();
            if (string.IsNullOrEmpty(slug)) { errors.Add($"{path}.slug: is required"); continue; }
            if (slug == self.Slug) { errors.Add($"{path}.slug: an incident cannot be linked to itself"); continue; }
            if (!known.TryGetValue(slug, out var other)) { errors.Add($"{path}.slug: there is no incident '{slug}' (import the incident it links to first)"); continue; }
            var (from, to) = word.Backward ? (other, self) : (self, other);
            var existing = declared.Where(d => (d.From.Slug, d.To.Slug) == (from.Slug, to.Slug) || (d.From.Slug, d.To.Slug) == (to.Slug, from.Slug))
                .Select(d => (d.From.Slug == from.Slug, d.Kind)).ToList();
            if (LinkRules.Problem(from, to, word.Kind, existing) is { } problem) { errors.Add($"{path}: {problem}"); continue; }
            declared.Add((from, to, word.Kind));
            var kind = word.Kind;
            links.Add(word.Backward
                ? incident => new IncidentLink { FromIncidentId = other.Id, To = incident, Kind = kind, CreatedAt = now }
                : incident => new IncidentLink { From = incident, ToIncidentId = other.Id, Kind = kind, CreatedAt = now });
        }
        return (links, errors);
    }

    /// <summary>The document's start (or trigger) for the repeat-order check; a bad time is reported by the incident's own validation.</summary>
    private static DateTime? UtcStart(PhasesDocument? phases) =>
        UtcTime.TryParseIso(phases?.Started ?? phases?.Triggered ?? "", out var at) ? at : null;
}
