using Dashboard.Data.Search;

namespace Dashboard.Search;

/// <summary>Where a search hit opens, and how its source is named, for the search page and the Ctrl+K switcher.</summary>
public static class SearchLinks
{
    public static string Page(string? text) => $"search?q={Uri.EscapeDataString(text?.Trim() ?? "")}";

    public static string To(string slug, SearchSource source) => source switch
    {
        SearchSource.Postmortem => $"incidents/{slug}/postmortem",
        SearchSource.Timeline => $"incidents/{slug}?tab=timeline",
        SearchSource.Action => $"incidents/{slug}?tab=actions",
        SearchSource.Question => $"incidents/{slug}/postmortem",
        _ => $"incidents/{slug}",
    };

    public static string Label(SearchSource source) => source switch
    {
        SearchSource.Incident => "Summary",
        SearchSource.Timeline => "Timeline",
        SearchSource.Factor => "Contributing factor",
        SearchSource.Question => "Question for the review",
        _ => source.ToString(),
    };
}
