using Dashboard.Account;
using Dashboard.Data.Actions;
using Dashboard.Host.Http;

namespace Dashboard.Actions;

/// <summary>The Actions page as a spreadsheet.</summary>
public static class ActionsExport
{
    /// <summary>/actions/export.csv?…: the Actions page's current filters, as a CSV download.</summary>
    public static IEndpointRouteBuilder MapActionsExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/actions/export.csv", async (HttpContext http, ActionQueries queries, CancellationToken ct) =>
        {
            var rows = await queries.ExportAsync(AppClaims.ActorOf(http.User), ActionFilter.FromQuery(http.Request.Query).ToQuery(), ct: ct);
            var today = queries.Today;
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"actions-{today:yyyy-MM-dd}.csv\"";
            await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            await ActionCsv.WriteAsync(rows, today, writer, ct);
        }).RequireAuthorization().RequireRateLimiting(RateLimits.Exports);
        return app;
    }
}
