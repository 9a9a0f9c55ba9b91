using MudBlazor;
using Severity = Dashboard.Data.Kernel.Severity;

namespace Dashboard.Ui.Kit;

/// <summary>Display names, icons and colours for the domain's enums, in one place.</summary>
public static class Labels
{
    public static string Of(Severity severity) => severity.ToString().ToUpperInvariant();

    public static string Of(ImpactLevel level) => Names.Of(level);

    public static Color ColorOf(ImpactLevel level) => level switch
    {
        ImpactLevel.MajorOutage => Color.Error,
        ImpactLevel.PartialOutage => Color.Warning,
        _ => Color.Info,
    };

    public static string Of(ActionStatus status) => Names.Of(status);

    public static string Of(EventMoment moment) => moment == EventMoment.KeyMoment ? "Key moment" : moment.ToString();

    public static string Of(PostmortemStatus status) => Names.Of(status);

    public static string Of(SourceGrade? grade) => grade switch
    {
        SourceGrade.Primary => "primary",
        SourceGrade.PrimaryQuoted => "primary, quoted",
        SourceGrade.Secondary => "secondary",
        _ => "",
    };

    public static string IconOf(EventKind kind) => kind switch
    {
        EventKind.Trigger => Icons.Material.Filled.Bolt,
        EventKind.Detection => Icons.Material.Filled.NotificationsActive,
        EventKind.Escalation => Icons.Material.Filled.Campaign,
        EventKind.Investigation => Icons.Material.Filled.Search,
        EventKind.Mitigation => Icons.Material.Filled.Healing,
        EventKind.Communication => Icons.Material.Filled.Forum,
        EventKind.Recovery => Icons.Material.Filled.TrendingUp,
        EventKind.Resolution => Icons.Material.Filled.CheckCircle,
        _ => Icons.Material.Filled.StickyNote2,
    };

    public static Color ColorOf(EventKind kind) => kind switch
    {
        EventKind.Trigger => Color.Error,
        EventKind.Detection => Color.Warning,
        EventKind.Escalation => Color.Secondary,
        EventKind.Investigation => Color.Info,
        EventKind.Mitigation => Color.Primary,
        EventKind.Recovery or EventKind.Resolution => Color.Success,
        _ => Color.Default,
    };
}
