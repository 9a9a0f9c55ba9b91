namespace Dashboard.Data.Audit;

/// <summary>The filters of the audit page (and its CSV export). Every filter is an exact match, so each one is an index range.</summary>
public sealed record AuditQuery(
    string? Actor = null,
    string? Action = null,
    string? EntityType = null,
    string? IncidentSlug = null,
    int? IncidentId = null,
    DateTime? From = null,
    DateTime? To = null,
    int Page = 0,
    int PageSize = 50);

public sealed record AuditRow(long Id, DateTime At, string Actor, ActorKind ActorKind, string Action, string EntityType, string EntityKey,
    int? IncidentId, string? IncidentSlug, IReadOnlyList<FieldChange> Changes, ChangeSource Source);

/// <summary>One page, newest first. <see cref="HasMore"/> instead of a total: counting a million filtered rows costs more than the page.</summary>
public sealed record AuditListing(IReadOnlyList<AuditRow> Items, int Page, int PageSize, bool HasMore);
