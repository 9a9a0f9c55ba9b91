using Dashboard.Account;
using Dashboard.Api;
using Dashboard.Data.Review;
using Dashboard.Host.Http;

namespace Dashboard.Review;

/// <summary>The review pack as a standalone file.</summary>
public static class ReviewExport
{
    /// <summary>/review/export.html?…: the review pack for the filters on screen, as a standalone file.</summary>
    public static IEndpointRouteBuilder MapReviewExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/review/export.html", async (HttpContext http, ReviewQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var filter = ReviewFilter.FromQuery(http.Request.Query);
            if (filter.Problems.Count > 0) return ApiProblems.Status(StatusCodes.Status400BadRequest, string.Join("; ", filter.Problems));
            var report = await queries.GetAsync(AppClaims.ActorOf(http.User), filter.ToQuery(now), ct);
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"review-{now:yyyy-MM-dd}.html\"";
            return Results.Content(ReviewHtml.Render(report, now), "text/html; charset=utf-8");
        }).RequireAuthorization(Policies.Read).RequireRateLimiting(RateLimits.Exports);
        return app;
    }
}
