using System.Text.Json.Nodes;
using Dashboard.Api;
using Dashboard.Data.Search;

namespace Dashboard.Search;

/// <summary>
/// /api/v1/search?q=: full-text search over the incidents this key may see, best first, with
/// highlighted snippets as pieces (text, match), so no written text reaches a client as markup.
/// </summary>
public static class SearchApi
{
    public static RouteGroupBuilder MapSearchApi(this RouteGroupBuilder api)
    {
        ApiExamples.Add<ApiSearchAnswer>(() => new JsonObject
        {
            ["query"] = "feature file",
            ["newestFirst"] = null,
            ["results"] = new JsonArray(new JsonObject
            {
                ["slug"] = "2025-11-18-cloudflare-bot-management", ["title"] = "Global 5xx errors from an oversized Bot Management feature file",
                ["severity"] = "Sev1", ["status"] = "Closed", ["organisation"] = "Cloudflare", ["startedAt"] = "2025-11-18T11:20:00Z", ["private"] = false,
                ["hits"] = new JsonArray(new JsonObject
                {
                    ["source"] = "Postmortem",
                    ["snippet"] = new JsonArray(new JsonObject { ["text"] = "…the Bot Management ", ["match"] = false },
                        new JsonObject { ["text"] = "feature", ["match"] = true }, new JsonObject { ["text"] = " ", ["match"] = false },
                        new JsonObject { ["text"] = "file", ["match"] = true }, new JsonObject { ["text"] = " started producing…", ["match"] = false }),
                }),
            }),
        });
        api.MapGet("/search", SearchAsync).WithName("Search").WithTags("Search")
            .WithSummary("Incidents by what was written in them (titles, summaries, postmortems, timeline events, factors, actions), best first. " +
                         "q: words, all of which must match; \"quoted words\" are a phrase. limit: 1 to 50 incidents (20). " +
                         "newestFirst: when more timeline events, factors and actions matched than are ranked, how many of the newest were taken instead, newest first (else null).");
        return api;
    }

    private static async Task<IResult> SearchAsync(string? q, int? limit, HttpContext http, FullTextSearch search, CancellationToken ct)
    {
        if (limit is < 1 or > FullTextSearch.MaxLimit)
            return ApiProblems.Validation(new Dictionary<string, string> { ["limit"] = $"limit: 1 to {FullTextSearch.MaxLimit}." }, "The search's parameters are not usable.");
        var answer = await search.SearchAsync(http.Actor(), q, limit ?? FullTextSearch.DefaultLimit, ct);
        if (!answer.IsValid) return ApiProblems.Validation(new Dictionary<string, string> { ["q"] = answer.Error! }, "The search text is not usable.");
        return TypedResults.Ok(ApiSearchAnswer.From(answer));
    }
}

public sealed record ApiSearchAnswer(string Query, int? NewestFirst, IReadOnlyList<ApiSearchResult> Results)
{
    public static ApiSearchAnswer From(SearchAnswer answer) => new(answer.Query, answer.NewestFirst, [.. answer.Results.Select(ApiSearchResult.From)]);
}

public sealed record ApiSearchResult(string Slug, string Title, Severity Severity, IncidentStatus Status, string Organisation,
    DateTime? StartedAt, bool Private, IReadOnlyList<ApiSearchHit> Hits)
{
    public static ApiSearchResult From(SearchResult r) => new(r.Slug, r.Title, r.Severity, r.Status, r.Organisation, r.StartedAt, r.IsPrivate,
        [.. r.Hits.Select(h => new ApiSearchHit(h.Source, [.. h.Snippet.Select(p => new ApiSnippetPart(p.Text, p.IsMatch))]))]);
}

public sealed record ApiSearchHit(SearchSource Source, IReadOnlyList<ApiSnippetPart> Snippet);

public sealed record ApiSnippetPart(string Text, bool Match);
