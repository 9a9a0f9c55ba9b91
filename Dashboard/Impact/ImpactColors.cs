
namespace Dashboard.Impact;

/// <summary>Colours and small formatting helpers shared by the impact charts (same palette as the timeline).</summary>
public static class ImpactColors
{
    public const string NotAffected = "#bdbdbd";
    public const string NotImpairedNow = "#a5d6a7";
    public const string Highlight = "#1565c0";

    public static string Of(ImpactLevel level) => level switch
    {
        ImpactLevel.MajorOutage => "#e53935",
        ImpactLevel.PartialOutage => "#fb8c00",
        _ => "#fdd835",
    };

    /// <summary>Worst first, so legends and lanes read from the most to the least severe.</summary>
    public static readonly ImpactLevel[] Levels = [ImpactLevel.MajorOutage, ImpactLevel.PartialOutage, ImpactLevel.Degraded];

}
