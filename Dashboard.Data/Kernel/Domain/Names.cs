

namespace Dashboard.Data.Kernel;

/// <summary>
/// Display names of the domain's enums, shared by the pages (through Labels) and by the documents
/// built here (generated postmortem tables, messages), so both always say the same words.
/// </summary>
public static class Names
{
    public static string Of(ImpactLevel level) => level switch
    {
        ImpactLevel.MajorOutage => "Major outage",
        ImpactLevel.PartialOutage => "Partial outage",
        _ => "Degraded",
    };

    public static string Of(ActionStatus status) => status switch
    {
        ActionStatus.InProgress => "In progress",
        ActionStatus.WontDo => "Won't do",
        _ => status.ToString(),
    };

    public static string Of(PostmortemStatus status) => status == PostmortemStatus.InReview ? "In review" : status.ToString();

    public static string Of(IncidentRole role) => role switch
    {
        IncidentRole.Commander => "Incident commander",
        IncidentRole.Scribe => "Scribe",
        IncidentRole.CommsLead => "Communications lead",
        _ => "Member",
    };

    /// <summary>Any enum of the domain, for texts built from values whose type is not known statically (the audit trail).</summary>
    public static string Of(Enum value) => value switch
    {
        ImpactLevel l => Of(l),
        ActionStatus a => Of(a),
        PostmortemStatus p => Of(p),
        IncidentRole r => Of(r),
        _ => value.ToString(),
    };
}
