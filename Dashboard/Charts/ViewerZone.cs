namespace Dashboard.Charts;

/// <summary>
/// The zone times are shown in: UTC by default, or the viewer's browser zone. Times are stored in
/// UTC; this only converts them for display.
/// </summary>
public sealed record ViewerZone(TimeZoneInfo Zone, bool IsLocal)
{
    public static readonly ViewerZone Utc = new(TimeZoneInfo.Utc, false);

    public static ViewerZone Local(string? ianaId) =>
        ianaId is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone) ? new(zone, true) : Utc;

    public DateTime Convert(DateTime utc) => IsLocal ? TimeZoneInfo.ConvertTimeFromUtc(utc, Zone) : utc;

    /// <summary>"UTC" or "Europe/Berlin, UTC+01:00" for a given moment (offsets change with summer time).</summary>
    public string Label(DateTime utc)
    {
        if (!IsLocal) return "UTC";
        var offset = Zone.GetUtcOffset(utc);
        return $"{Zone.Id}, UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset:hh\\:mm}";
    }
}
