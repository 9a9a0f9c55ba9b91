using Dashboard.Data.Domain;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Dashboard.Components.Shared;

/// <summary>
/// Renders user Markdown to HTML that is safe to put on the page: raw HTML is shown as text
/// (DisableHtml), and links and images keep only http, https, mailto or relative targets, so a
/// `javascript:` link becomes inert. The extension list is explicit on purpose: Markdig's
/// "advanced" set includes generic attributes, which would let `{onclick=…}` through.
/// </summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseTaskLists()
        .UseAutoLinks()
        .UseFootnotes()
        .UseEmphasisExtras()
        .DisableHtml()
        .Build();

    public string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var document = Markdown.Parse(markdown, _pipeline);
        foreach (var link in document.Descendants<LinkInline>())
            if (!IsAllowedTarget(link.Url)) link.Url = "";
        foreach (var autolink in document.Descendants<AutolinkInline>())
            if (!IsAllowedTarget(autolink.Url)) autolink.Url = "";
        return document.ToHtml(_pipeline);
    }

    private static bool IsAllowedTarget(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return true;
        var trimmed = url.Trim();
        if (WebLinks.IsSafeHttpUrl(trimmed) || trimmed.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) return true;
        // Relative targets have no scheme at all; anything with a colon before the first slash has one.
        var colon = trimmed.IndexOf(':');
        var slash = trimmed.IndexOfAny(['/', '?', '#']);
        return colon < 0 || (slash >= 0 && slash < colon);
    }
}
