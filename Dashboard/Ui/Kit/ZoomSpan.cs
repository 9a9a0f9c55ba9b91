using System.Globalization;
using System.Text.Json;

namespace Dashboard.Ui.Kit;

/// <summary>The span a Plotly date axis reports after a zoom or pan, as the axis reads it (the viewer's zone).</summary>
public static class ZoomSpan
{
    /// <summary>The two ends, or null when the range is missing, not two times ("2025-11-18 11:20:05.123"), or not increasing.</summary>
    public static (DateTime From, DateTime To)? Of(IEnumerable<object>? range) =>
        range?.Select(Time).ToList() is [{ } from, { } to] && from < to ? (from, to) : null;

    // Plotly.Blazor hands the ends over as untyped JSON values.
    private static DateTime? Time(object? value) =>
        (value is JsonElement { ValueKind: JsonValueKind.String } e ? e.GetString() : value as string) is { } text
        && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
}
