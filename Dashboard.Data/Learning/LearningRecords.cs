namespace Dashboard.Data.Learning;

/// <summary>A link as one incident shows it: "Repeats: X" from the later one, "Repeated by: Y" from the earlier.</summary>
public sealed record LinkItem(int LinkId, IncidentLinkKind Kind, bool Backward, string Slug, string Title, DateTime? StartedAt)
{
    public string Label => Backward ? LinkKinds.Backward(Kind) : LinkKinds.Forward(Kind);
}

/// <summary>
/// For a repeat: the earlier incident, how many of its actions had been agreed before the repeat
/// started, and those still open then. <see cref="RepeatStartedAt"/> is null when the repeat has no
/// start or trigger time, and then nothing can be said.
/// </summary>
public sealed record RepeatPromises(string EarlierSlug, string EarlierTitle, DateTime? RepeatStartedAt, int AgreedBefore, IReadOnlyList<OpenPromise> Open);

public sealed record RelatedIncidents(IReadOnlyList<LinkItem> Links, IReadOnlyList<RepeatPromises> Repeats)
{
    public static RelatedIncidents None { get; } = new([], []);
}

/// <summary>An incident offered in the link picker.</summary>
public sealed record LinkCandidate(string Slug, string Title, DateTime? StartedAt);

/// <summary>One incident of the review period that repeats an earlier one.</summary>
public sealed record RepeatRow(string Slug, string Title, DateTime? StartedAt, string EarlierSlug, string EarlierTitle, int AgreedBefore, int OpenAtRepeat);

/// <summary>The review's repeat figures: of the period's incidents, how many repeat an earlier one, and how many of those while follow-ups were open.</summary>
public sealed record RepeatStats(int Incidents, int Repeats, int RepeatedWithOpenActions, IReadOnlyList<RepeatRow> Rows)
{
    public double? RepeatShare => Incidents == 0 ? null : (double)Repeats / Incidents;
}
