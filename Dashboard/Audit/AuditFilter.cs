using System.Globalization;
using Dashboard.Data.Audit;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Dashboard.Data.Incidents;
using Dashboard.Api;

namespace Dashboard.Audit;

/// <summary>The audit page's filters as its toolbar edits them, and as the page address and the CSV link carry them.</summary>
public sealed class AuditFilter
{
    // Days outside these years are typing mistakes; they are ignored instead of failing the page.
    private static readonly DateOnly Earliest = new(2000, 1, 1), Latest = new(2100, 12, 31);

    public string? Actor { get; set; }
    public string? Action { get; set; }
    public string? EntityType { get; set; }
    public string? Incident { get; set; }
    /// <summary>First day included (UTC).</summary>
    public DateOnly? From { get; set; }
    /// <summary>Last day included (UTC).</summary>
    public DateOnly? To { get; set; }
    public int Page { get; set; }

    public AuditQuery ToQuery(int pageSize = 50) => new(Actor, Action, EntityType, Incident, null,
        From?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), To?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), Page, pageSize);

    public string ToQueryString(int? page = null)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value) { if (!string.IsNullOrWhiteSpace(value)) pairs.Add(new(key, value.Trim())); }
        Add("actor", Actor);
        Add("action", Action);
        Add("entity", EntityType);
        Add("incident", Incident);
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if ((page ?? Page) is > 0 and var p) Add("page", p.ToString(CultureInfo.InvariantCulture));
        return QueryString.Create(pairs).ToString();
    }

    /// <summary>Reads filters from a query string; values it cannot read are ignored rather than failing the page.</summary>
    public static AuditFilter FromQuery(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        var q = query.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        return new AuditFilter
        {
            Actor = Text(q, "actor"), Action = Text(q, "action"), EntityType = Text(q, "entity"), Incident = Text(q, "incident"),
            From = Day(q, "from"), To = Day(q, "to"),
            Page = int.TryParse(Text(q, "page"), NumberStyles.None, CultureInfo.InvariantCulture, out var page) ? Math.Min(page, 100_000) : 0,
        };
    }

    public static AuditFilter FromUri(string uri) => FromQuery(QueryHelpers.ParseQuery(new Uri(uri).Query));

    private static string? Text(Dictionary<string, StringValues> q, string key) =>
        q.TryGetValue(key, out var v) && !StringValues.IsNullOrEmpty(v) && v.ToString().Trim() is { Length: > 0 and <= 200 } t ? t : null;

    private static DateOnly? Day(Dictionary<string, StringValues> q, string key) =>
        DateOnly.TryParseExact(Text(q, key), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d >= Earliest && d <= Latest ? d : null;
}
