namespace Dashboard.Data.Learning;

/// <summary>What makes a link acceptable, shared by the link command and the document import.</summary>
public static class LinkRules
{
    /// <summary>
    /// Why a link from <paramref name="from"/> to <paramref name="to"/> is refused, or null.
    /// <paramref name="existing"/> holds the links already between the two (Outgoing: stored from
    /// <paramref name="from"/>). "Related to" has no direction, so it exists once per pair; a repeat
    /// or a cause cannot point both ways, and a repeat follows what it repeats.
    /// </summary>
    public static string? Problem(End from, End to, IncidentLinkKind kind, IReadOnlyList<(bool Outgoing, IncidentLinkKind Kind)> existing)
    {
        if (from.Id == to.Id) return "An incident cannot be linked to itself.";
        if (existing.Any(l => l.Kind == kind && (l.Outgoing || kind == IncidentLinkKind.RelatedTo)))
            return $"The link \"{LinkKinds.Forward(kind)}: {to.Slug}\" already exists.";
        if (kind != IncidentLinkKind.RelatedTo && existing.Any(l => l.Kind == kind && !l.Outgoing))
            return $"'{to.Slug}' already has the link \"{LinkKinds.Forward(kind)}: {from.Slug}\"; a link of that kind cannot point both ways.";
        if (kind == IncidentLinkKind.Repeats && from.StartedAt is { } later && to.StartedAt is { } earlier && later < earlier)
            return $"'{to.Slug}' started at {UtcTime.Format(earlier)}, after this incident ({UtcTime.Format(later)}); a repeat comes after what it repeats.";
        return null;
    }
}
