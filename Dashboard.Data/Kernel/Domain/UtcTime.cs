using System.Globalization;

namespace Dashboard.Data.Kernel;

/// <summary>Parsing and formatting of UTC times as people type and read them.</summary>
public static class UtcTime
{
    private static readonly string[] TypedFormats =
        ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mmZ", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-dd HH:mm 'UTC'", "yyyy-MM-dd"];

    /// <summary>
    /// The dates a query string or form may name. Far enough either side for any real incident, and
    /// far from DateTime's ends, so adding a day or a month to a bound never overflows.
    /// </summary>
    public static readonly DateOnly EarliestDate = new(1970, 1, 1);
    public static readonly DateOnly LatestDate = new(2199, 12, 31);

    public static bool IsInRange(DateOnly date) => date >= EarliestDate && date <= LatestDate;

    public static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses a time typed in a form; the text is read as UTC. Empty text is "no time". A date outside
    /// <see cref="EarliestDate"/>–<see cref="LatestDate"/> is refused like a typo: year 9999 or year 1
    /// would make durations, months and "+1 day" overflow further on.
    /// </summary>
    public static bool TryParseTyped(string? text, out DateTime? utc)
    {
        utc = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateTime.TryParseExact(text.Trim(), TypedFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
            return false;
        if (!IsInRange(DateOnly.FromDateTime(parsed))) return false;
        utc = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
        return true;
    }

    /// <summary>
    /// Parses an ISO 8601 time from a file. An offset is required: a time without one would be a
    /// guess about its zone, which is how timelines end up an hour off. Out-of-range dates are refused as in <see cref="TryParseTyped"/>.
    /// </summary>
    public static bool TryParseIso(string? text, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length < 17) return false;
        var tail = text[^6..];
        var hasOffset = text.EndsWith('Z') || tail[0] is '+' or '-' && tail[3] == ':';
        if (!hasOffset || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dto))
            return false;
        if (!IsInRange(DateOnly.FromDateTime(dto.UtcDateTime))) return false;
        utc = dto.UtcDateTime;
        return true;
    }
}
