using Dashboard.Data.Catalog;

namespace Dashboard.Data.Changes;

/// <summary>An incident a change is marked on, as far as the viewer may see that incident.</summary>
public sealed record ChangeIncidentLink(string Slug, string Title, ChangeRole Role);

public sealed record ChangeItem(int Id, string? ExternalId, ChangeKind Kind, string Title, string? Environment, DateTime StartedAt, DateTime? EndedAt,
    string Author, string? Link, IReadOnlyList<string> Labels, IReadOnlyList<string> Services, string Origin, DateTime RecordedAt,
    IReadOnlyList<ChangeIncidentLink> Incidents);

/// <summary>One row of "Changes before this incident": the change, its place and why, and a responder's mark if any.</summary>
public sealed record RankedChangeItem(ChangeItem Change, int Rank, ChangeRelation Relation, string ServiceKey, int? Hops, int ImpactedDownstream,
    string Reason, ChangeRole? Mark);

/// <summary>
/// The panel's answer: the window searched, the start the times are measured from, the ranked rows,
/// and the changes left out (unrelated ones beyond the shown few).
/// </summary>
public sealed record IncidentChanges(DateTime From, DateTime To, DateTime Start, IReadOnlyList<RankedChangeItem> Items, int UnrelatedLeftOut)
{
    public RankedChangeItem? Trigger => Items.FirstOrDefault(i => i.Mark == ChangeRole.Trigger);
}

public sealed class ChangeFilter
{
    public string? Service { get; set; }
    public string? Kind { get; set; }
    public string? Environment { get; set; }
    public DateTime? From { get; set; }
    public DateTime? To { get; set; }
    public string? ExternalId { get; set; }
    public int Limit { get; set; } = 100;
}

/// <summary>A change a responder marked on an incident, as the postmortem's <c>{{changes}}</c> table lists it.</summary>
public sealed record MarkedChange(ChangeRole Role, DateTime StartedAt, ChangeKind Kind, IReadOnlyList<string> Services, string Title, string Author,
    string? Environment, string? Link);

/// <summary>A change drawn on the incident's timeline, on the lane of one service it touched.</summary>
public sealed record ChangeMarker(int Id, DateTime At, ChangeKind Kind, string Title, string Author, string? Link, string Lane);

/// <summary>A window typed by a user (the panel's picker): both ends as UTC text, checked before anything is asked of the database.</summary>
public static class ChangeWindow
{
    /// <summary>The look-backs the panel offers from the start, the default (<see cref="ChangeQueries.Lookback"/>) among them.</summary>
    public static IReadOnlyList<TimeSpan> Lookbacks { get; } = [TimeSpan.FromHours(1), TimeSpan.FromHours(6), ChangeQueries.Lookback, TimeSpan.FromDays(3), TimeSpan.FromDays(7)];

    /// <summary>Both ends read as UTC ("2025-11-18 11:05"); an empty end, a bad time or an end before the start is an error naming the field.</summary>
    public static (DateTime From, DateTime To)? TryRead(string? fromText, string? toText, Dictionary<string, string> errors)
    {
        var from = Read(fromText, "From", errors);
        var to = Read(toText, "To", errors);
        if (from is { } f && to is { } t && t < f) errors["To"] = "The end of the window is before its start.";
        else if (from is { } f2 && to is { } t2 && t2 - f2 > ChangeQueries.LongestWindow)
            errors["From"] = $"The window is longer than {ChangeQueries.LongestWindow.TotalDays:0} days: narrow it.";
        return errors.Count == 0 ? (from!.Value, to!.Value) : null;
    }

    private static DateTime? Read(string? text, string field, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) { errors[field] = "Give a time, as 2025-11-18 11:05 (UTC)."; return null; }
        if (UtcTime.TryParseTyped(text, out var typed) && typed is { } t) return t;
        errors[field] = $"'{text.Trim()}' is not a time: write it as 2025-11-18 11:05 (UTC).";
        return null;
    }
}
