using System.Net;
using System.Text;
using Dashboard.Data.Postmortems;
using Dashboard.Ui.Kit;

namespace Dashboard.Postmortems;

/// <summary>
/// The postmortem as one standalone HTML file for print-to-PDF: A4 pages, each "##" section on a new
/// page, no navigation. The body comes from <see cref="MarkdownRenderer"/> (raw HTML disabled, unsafe
/// links dropped); every other value is HTML-encoded.
/// </summary>
public static class PostmortemHtml
{
    private const string Styles =
        "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1d1d1f;line-height:1.5;max-width:52rem;margin:2rem auto;padding:0 1.5rem}" +
        ".meta{color:#555;font-size:0.85rem;border-bottom:2px solid #1d1d1f;padding-bottom:0.5rem;margin-bottom:1.5rem}" +
        "h1{font-size:1.8rem;margin:0 0 1rem}h2{font-size:1.35rem;border-bottom:1px solid #ccc;padding-bottom:0.2rem;margin-top:0}h3{font-size:1.1rem}" +
        "table{border-collapse:collapse;width:100%;margin:0.75rem 0;font-size:0.9rem}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}" +
        "th{background:#f3f3f3}tr{break-inside:avoid}pre{background:#f5f5f5;padding:0.6rem;white-space:pre-wrap;overflow-wrap:anywhere;font-size:0.85rem}" +
        "code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:0.9em}section{margin-bottom:2rem}" +
        "@media print{@page{size:A4;margin:18mm 16mm}body{margin:0;max-width:none;padding:0}section+section{break-before:page}h2,h3{break-after:avoid}a{color:inherit}}";

    public static string Render(PostmortemDocument doc, PostmortemRecord record, MarkdownRenderer renderer, DateTime exportedUtc)
    {
        var body = renderer.RenderExpanded(doc.Markdown ?? PostmortemTemplate.Build(doc.Title), text => GeneratedSections.Expand(text, record)).Html;
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Postmortem: {E(doc.Title)}</title><style>{Styles}</style></head><body>");
        html.Append($"<div class=\"meta\">{E(doc.Organisation)} · {E(Labels.Of(doc.Severity))} · postmortem {E(Labels.Of(doc.Status).ToLowerInvariant())}");
        if (doc.SavedAt is { } saved) html.Append($" · saved {E(UtcTime.Format(saved))} UTC{(doc.SavedBy is null ? "" : $" by {E(doc.SavedBy)}")}");
        html.Append($" · exported {E(UtcTime.Format(exportedUtc))} UTC</div>");
        foreach (var part in SplitAtSections(body)) html.Append("<section>").Append(part).Append("</section>");
        html.Append("</body></html>");
        return html.ToString();
    }

    /// <summary>
    /// Cuts the rendered body before each h2 but the first, so print styles can start every section
    /// on a new page while the title stays with the first section (page one is never a lone heading).
    /// </summary>
    private static IEnumerable<string> SplitAtSections(string body)
    {
        var cuts = new List<int> { 0 };
        var first = body.IndexOf("<h2", StringComparison.Ordinal);
        for (var at = first < 0 ? -1 : body.IndexOf("<h2", first + 1, StringComparison.Ordinal); at >= 0; at = body.IndexOf("<h2", at + 1, StringComparison.Ordinal))
            cuts.Add(at);
        cuts.Add(body.Length);
        for (var i = 0; i + 1 < cuts.Count; i++) yield return body[cuts[i]..cuts[i + 1]];
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
