using Dashboard.Data.Audit;
using Dashboard.Api;

namespace Dashboard.Audit;

/// <summary>/api/v1/audit: the audit trail for admin and owner keys, with the audit page's filters (actor, action, entity, incident, from, to, page).</summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ListAsync).RequireAuthorization(ApiSetup.AdminKeyPolicy).WithTags("Audit").WithName("ListAuditEntries")
            .WithSummary("Audit entries, newest first (admin and owner keys only). hasMore says whether page+1 holds more.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext http, AuditQueries queries, CancellationToken ct)
    {
        var filter = AuditFilter.FromQuery(http.Request.Query);
        var listing = await queries.ListAsync(http.Actor(), filter.ToQuery(), ct);
        return TypedResults.Ok(new ApiAuditPage([.. listing.Items.Select(e => new ApiAuditEntry(e.Id, e.At, e.Actor, e.ActorKind, e.Source, e.Action, e.EntityType,
            e.EntityKey, e.IncidentSlug, e.Changes))], listing.Page, listing.HasMore));
    }
}

public sealed record ApiAuditPage(IReadOnlyList<ApiAuditEntry> Items, int Page, bool HasMore);

public sealed record ApiAuditEntry(long Id, DateTime At, string Actor, ActorKind ActorKind, ChangeSource Source, string Action, string EntityType,
    string EntityKey, string? IncidentSlug, IReadOnlyList<FieldChange> Changes);
