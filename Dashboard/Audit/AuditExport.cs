using Dashboard.Account;
using Dashboard.Data.Audit;
using Dashboard.Host.Http;

namespace Dashboard.Audit;

/// <summary>The audit trail as a spreadsheet.</summary>
public static class AuditExport
{
    /// <summary>/audit/export.csv?…: the audit page's current filters, as a CSV download.</summary>
    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/audit/export.csv", async (HttpContext http, AuditQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var query = AuditFilter.FromQuery(http.Request.Query).ToQuery();
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{clock.GetUtcNow():yyyy-MM-dd}.csv\"";
            await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            await AuditCsv.WriteAsync(queries.ExportAsync(AppClaims.ActorOf(http.User), query with { Page = 0 }, ct: ct), writer, ct);
        }).RequireAuthorization(Policies.Admin).RequireRateLimiting(RateLimits.Exports);
        return app;
    }
}
