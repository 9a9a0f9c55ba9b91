namespace Dashboard.Data.Impact;

/// <summary>An impact window as the form edits it; times are typed in UTC ("11:20" or "2025-11-18 11:20").</summary>
public sealed class ImpactInput
{
    public int? ServiceId { get; set; }
    public ImpactLevel Level { get; set; } = ImpactLevel.MajorOutage;
    public string? Start { get; set; }
    public string? End { get; set; }
    public string? Description { get; set; }

    public static ImpactInput From(ImpactWindowItem w) => new()
    {
        ServiceId = w.ServiceId, Level = w.Level, Description = w.Description,
        Start = Format(w.StartedAt), End = w.EndedAt is { } e ? Format(e) : null,
    };

    private static string Format(DateTime t) => t.ToString(t.Second == 0 ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
