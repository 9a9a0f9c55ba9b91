namespace Dashboard.Ui.Kit;

/// <summary>
/// The zone times are shown in: UTC by default, or the viewer's browser zone. Times are stored in
/// UTC; this only converts them for display.
/// </summary>
public sealed record ViewerZone(TimeZoneInfo Zone, bool IsLocal)
{
    public static readonly ViewerZone Utc = new(TimeZoneInfo.Utc, false);

    /// <summary>The zones a person can choose, by their IANA names ("Europe/Berlin"), sorted; the machine's aliases are left out.</summary>
    public static readonly IReadOnlyList<string> Choices = [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/')).Order()];

    public static ViewerZone Local(string? ianaId) =>
        ianaId is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone) ? new(zone, true) : Utc;

    public DateTime Convert(DateTime utc) => IsLocal ? TimeZoneInfo.ConvertTimeFromUtc(utc, Zone) : utc;

    /// <summary>Back from a time as shown (a chart's axis) to UTC; a time that summer time skips counts as standard time.</summary>
    public DateTime ToUtc(DateTime shown)
    {
        if (!IsLocal) return DateTime.SpecifyKind(shown, DateTimeKind.Utc);
        var unspecified = DateTime.SpecifyKind(shown, DateTimeKind.Unspecified);
        return Zone.IsInvalidTime(unspecified)
            ? DateTime.SpecifyKind(unspecified - Zone.BaseUtcOffset, DateTimeKind.Utc)
            : TimeZoneInfo.ConvertTimeToUtc(unspecified, Zone);
    }

    /// <summary>"UTC" or "Europe/Berlin, UTC+01:00" for a given moment (offsets change with summer time).</summary>
    public string Label(DateTime utc)
    {
        if (!IsLocal) return "UTC";
        var offset = Zone.GetUtcOffset(utc);
        return $"{Zone.Id}, UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset:hh\\:mm}";
    }
}
