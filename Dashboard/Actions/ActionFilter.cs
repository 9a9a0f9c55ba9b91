using System.Globalization;
using Dashboard.Data.Actions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Dashboard.Actions;

/// <summary>
/// The Actions page's filters as the toolbar edits them, and as a query string, so the CSV
/// export link and the page address carry exactly the view on screen.
/// </summary>
public sealed class ActionFilter
{
    public IReadOnlyCollection<ActionStatus> Statuses { get; set; } = [];
    public IReadOnlyCollection<ActionPriority> Priorities { get; set; } = [];
    public IReadOnlyCollection<ActionKind> Kinds { get; set; } = [];
    public string? Owner { get; set; }
    public string? Team { get; set; }
    public int? IncidentId { get; set; }
    public bool OverdueOnly { get; set; }
    public int? DueWithinDays { get; set; }
    public string? Search { get; set; }

    /// <summary>How many of the filters behind "More filters" are set: the bar opens with them shown when any is.</summary>
    public int MoreCount =>
        (Priorities.Count > 0 ? 1 : 0) + (Kinds.Count > 0 ? 1 : 0) + (string.IsNullOrWhiteSpace(Owner) ? 0 : 1)
        + (string.IsNullOrWhiteSpace(Team) ? 0 : 1) + (IncidentId is null ? 0 : 1) + (DueWithinDays is null ? 0 : 1);

    public ActionQuery ToQuery(ActionSort sort = ActionSort.Urgency, bool descending = false, int page = 0, int pageSize = 25) =>
        new(Statuses, Owner, Team, Priorities, Kinds, IncidentId, OverdueOnly, DueWithinDays, Search,
            Sort: sort, Descending: descending, Page: page, PageSize: pageSize);

    public string ToQueryString()
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        pairs.AddRange(Statuses.Select(s => Pair("status", s.ToString())));
        pairs.AddRange(Priorities.Select(p => Pair("priority", p.ToString())));
        pairs.AddRange(Kinds.Select(k => Pair("kind", k.ToString())));
        if (!string.IsNullOrWhiteSpace(Owner)) pairs.Add(Pair("owner", Owner));
        if (!string.IsNullOrWhiteSpace(Team)) pairs.Add(Pair("team", Team));
        if (IncidentId is { } id) pairs.Add(Pair("incident", id.ToString(CultureInfo.InvariantCulture)));
        if (OverdueOnly) pairs.Add(Pair("overdue", "true"));
        if (DueWithinDays is { } days) pairs.Add(Pair("due-within", days.ToString(CultureInfo.InvariantCulture)));
        if (!string.IsNullOrWhiteSpace(Search)) pairs.Add(Pair("q", Search));
        return QueryString.Create(pairs).ToString();
    }

    /// <summary>Reads filters from a query string; values it cannot read are ignored rather than failing the page.</summary>
    public static ActionFilter FromQuery(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        var q = query.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        return new ActionFilter
        {
            Statuses = Enums<ActionStatus>(q, "status"),
            Priorities = Enums<ActionPriority>(q, "priority"),
            Kinds = Enums<ActionKind>(q, "kind"),
            Owner = Text(q, "owner"),
            Team = Text(q, "team"),
            IncidentId = Int(q, "incident"),
            OverdueOnly = Text(q, "overdue") == "true",
            DueWithinDays = Int(q, "due-within") is { } d ? Math.Clamp(d, 0, 3650) : null,
            Search = Text(q, "q"),
        };
    }

    public static ActionFilter FromUri(string uri) => FromQuery(QueryHelpers.ParseQuery(new Uri(uri).Query));

    private static KeyValuePair<string, string?> Pair(string key, string? value) => new(key, value);

    private static string? Text(Dictionary<string, StringValues> q, string key) =>
        q.TryGetValue(key, out var v) && !StringValues.IsNullOrEmpty(v) ? v.ToString().Trim()[..Math.Min(v.ToString().Trim().Length, 200)] : null;

    private static int? Int(Dictionary<string, StringValues> q, string key) =>
        int.TryParse(Text(q, key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static T[] Enums<T>(Dictionary<string, StringValues> q, string key) where T : struct, Enum =>
        q.TryGetValue(key, out var values)
            ? [.. values.Select(v => Enum.TryParse<T>(v, ignoreCase: true, out var e) && Enum.IsDefined(e) && !int.TryParse(v, out _) ? (T?)e : null).OfType<T>().Distinct()]
            : [];
}
