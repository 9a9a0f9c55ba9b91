using System.Globalization;
using Dashboard.Data.Review;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Dashboard.Review;

public enum ReviewPeriod { Last30Days, Last90Days, Last365Days, AllTime, Custom }

public static class ReviewPeriods
{
    public static string Label(ReviewPeriod period) => period switch
    {
        ReviewPeriod.Last30Days => "Last 30 days",
        ReviewPeriod.Last90Days => "Last 90 days",
        ReviewPeriod.Last365Days => "Last 365 days",
        ReviewPeriod.AllTime => "All time",
        _ => "Custom range",
    };
}

/// <summary>The review's period and filters, as the page edits them and as a query string (for the export).</summary>
public sealed class ReviewFilter
{
    public ReviewPeriod Period { get; set; } = ReviewPeriod.AllTime;
    /// <summary>Custom period, UTC dates, both inclusive.</summary>
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public IReadOnlyCollection<Severity> Severities { get; set; } = [];
    public string? Organisation { get; set; }
    public int? ServiceId { get; set; }
    /// <summary>What the query string asked for and could not have (a date out of range, from after to); shown on the page, a 400 for the export.</summary>
    public IReadOnlyList<string> Problems { get; private init; } = [];

    public ReviewQuery ToQuery(DateTime nowUtc)
    {
        var today = DateOnly.FromDateTime(nowUtc);
        var (from, to) = Period switch
        {
            ReviewPeriod.Last30Days => (today.AddDays(-29), today),
            ReviewPeriod.Last90Days => (today.AddDays(-89), today),
            ReviewPeriod.Last365Days => (today.AddDays(-364), today),
            ReviewPeriod.Custom => (From, To),
            _ => ((DateOnly?)null, (DateOnly?)null),
        };
        return new ReviewQuery(Start(from), to is { } t ? Start(t.AddDays(1)) : null, Severities, Organisation, ServiceId);
    }

    /// <summary>"1 Aug 2025 – 29 Oct 2025 (UTC)" or "all time".</summary>
    public static string Describe(ReviewQuery q) =>
        q.From is null && q.To is null ? "all time"
            : $"{(q.From is { } f ? f.ToString("d MMM yyyy", CultureInfo.InvariantCulture) : "the start")} – {(q.To is { } t ? t.AddDays(-1).ToString("d MMM yyyy", CultureInfo.InvariantCulture) : "today")} (UTC)";

    public string ToQueryString()
    {
        var pairs = new List<KeyValuePair<string, string?>> { new("period", Period.ToString()) };
        if (Period == ReviewPeriod.Custom && From is { } f) pairs.Add(new("from", f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        if (Period == ReviewPeriod.Custom && To is { } t) pairs.Add(new("to", t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        pairs.AddRange(Severities.Select(s => new KeyValuePair<string, string?>("severity", s.ToString())));
        if (!string.IsNullOrWhiteSpace(Organisation)) pairs.Add(new("organisation", Organisation));
        if (ServiceId is { } id) pairs.Add(new("service", id.ToString(CultureInfo.InvariantCulture)));
        return QueryString.Create(pairs).ToString();
    }

    /// <summary>Reads filters from a query string; what it cannot read is ignored.</summary>
    public static ReviewFilter FromQuery(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        // Keys differing only in case are one key, as in a request's query; a repeated key keeps its last value.
        var q = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in query) q[key] = value.ToString();
        var problems = new List<string>();
        var from = Date("from", q.GetValueOrDefault("from"), problems);
        var to = Date("to", q.GetValueOrDefault("to"), problems);
        if (from > to)
        {
            problems.Add($"from ({from:yyyy-MM-dd}) is after to ({to:yyyy-MM-dd}); the custom period was left out");
            (from, to) = (null, null);
        }
        return new ReviewFilter
        {
            Problems = problems,
            Period = Enum.TryParse<ReviewPeriod>(q.GetValueOrDefault("period"), out var p) && Enum.IsDefined(p) ? p : ReviewPeriod.AllTime,
            From = from,
            To = to,
            Severities = [.. query.Where(x => x.Key.Equals("severity", StringComparison.OrdinalIgnoreCase)).SelectMany(x => x.Value)
                .Select(v => Enum.TryParse<Severity>(v, true, out var s) && Enum.IsDefined(s) && !int.TryParse(v, out _) ? (Severity?)s : null).OfType<Severity>().Distinct()],
            Organisation = q.GetValueOrDefault("organisation") is { Length: > 0 and <= 80 } o ? o : null,
            ServiceId = int.TryParse(q.GetValueOrDefault("service"), out var id) ? id : null,
        };
    }

    public static ReviewFilter FromUri(string uri) => FromQuery(QueryHelpers.ParseQuery(new Uri(uri).Query));

    private static DateTime? Start(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>A yyyy-MM-dd date between <see cref="UtcTime.EarliestDate"/> and <see cref="UtcTime.LatestDate"/>; anything else is left out with a problem.</summary>
    public static DateOnly? Date(string name, string? text, List<string> problems)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            problems.Add($"{name}: \"{Shorten(text)}\" is not a date like 2025-11-18");
            return null;
        }
        if (UtcTime.IsInRange(d)) return d;
        problems.Add($"{name}: {text} is outside {UtcTime.EarliestDate:yyyy-MM-dd} – {UtcTime.LatestDate:yyyy-MM-dd}");
        return null;
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
