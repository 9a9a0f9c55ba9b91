namespace Dashboard.Data.Learning;

/// <summary>
/// How a link reads from each end, and its words in seed files and front matter. A link is stored
/// once, from the later or dependent incident; the other end reads it backwards ("repeated by").
/// "Related to" has no direction.
/// </summary>
public static class LinkKinds
{
    public static string Forward(IncidentLinkKind kind) => kind switch
    {
        IncidentLinkKind.Repeats => "Repeats",
        IncidentLinkKind.CausedBy => "Caused by",
        _ => "Related to",
    };

    public static string Backward(IncidentLinkKind kind) => kind switch
    {
        IncidentLinkKind.Repeats => "Repeated by",
        IncidentLinkKind.CausedBy => "Caused",
        _ => "Related to",
    };

    /// <summary>The document words: a backward word stands for a link stored from the other incident.</summary>
    public static readonly IReadOnlyDictionary<string, (IncidentLinkKind Kind, bool Backward)> Words =
        new Dictionary<string, (IncidentLinkKind, bool)>(StringComparer.Ordinal)
        {
            ["repeats"] = (IncidentLinkKind.Repeats, false),
            ["repeated-by"] = (IncidentLinkKind.Repeats, true),
            ["caused-by"] = (IncidentLinkKind.CausedBy, false),
            ["causes"] = (IncidentLinkKind.CausedBy, true),
            ["related-to"] = (IncidentLinkKind.RelatedTo, false),
        };

    public static string Word(IncidentLinkKind kind, bool backward) =>
        Words.First(w => w.Value.Kind == kind && w.Value.Backward == (backward && kind != IncidentLinkKind.RelatedTo)).Key;
}
