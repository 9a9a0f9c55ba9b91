using Dashboard.Account;
using Dashboard.Api;
using Dashboard.Data.Postmortems;
using Dashboard.Host.Http;
using Dashboard.Ui.Kit;

namespace Dashboard.Postmortems;

/// <summary>A postmortem as Markdown (importable) and as a print-ready page.</summary>
public static class PostmortemExports
{
    /// <summary>
    /// /incidents/{slug}/postmortem.md (Markdown with YAML front matter, importable) and
    /// /incidents/{slug}/postmortem.html (standalone, print-ready): both from the saved version.
    /// </summary>
    public static IEndpointRouteBuilder MapPostmortemExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/incidents/{slug}/postmortem.md", async (string slug, PostmortemFiles files, HttpContext http, CancellationToken ct) =>
            await files.ExportMarkdownAsync(AppClaims.ActorOf(http.User), slug, ct) is { } file
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(file.Content), "text/markdown; charset=utf-8", file.FileName)
                : NoSuchIncident(slug))
            .RequireAuthorization(Policies.Read).RequireRateLimiting(RateLimits.Exports);
        app.MapGet("/incidents/{slug}/postmortem.html", async (string slug, PostmortemQueries queries, MarkdownRenderer renderer,
            TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            var viewer = AppClaims.ActorOf(http.User);
            var doc = await queries.GetAsync(viewer, slug, ct);
            var record = doc is null ? null : await queries.GetRecordAsync(viewer, doc.IncidentId, ct);
            if (doc is null || record is null) return NoSuchIncident(slug);
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{slug}.postmortem.html\"";
            return Results.Content(PostmortemHtml.Render(doc, record, renderer, clock.GetUtcNow().UtcDateTime), "text/html; charset=utf-8");
        }).RequireAuthorization(Policies.Read).RequireRateLimiting(RateLimits.Exports);
        return app;
    }

    private static IResult NoSuchIncident(string slug) => ApiProblems.Status(StatusCodes.Status404NotFound, $"No incident has the address {slug}.");
}
