using System.Net;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Dashboard.Ui.Kit;

/// <summary>
/// Renders user Markdown to HTML that is safe to put on the page: raw HTML is shown as text
/// (DisableHtml), and links and images keep only http, https, mailto or relative targets, so a
/// `javascript:` link becomes inert. The extension list is explicit on purpose: Markdig's
/// "advanced" set includes generic attributes, which would let `{onclick=…}` through.
/// It never throws: text that Markdig cannot take (see <see cref="MarkdownGuard"/>) is shown as
/// escaped plain text under a short message, so one bad field cannot break a page.
/// </summary>
public sealed class MarkdownRenderer(ILogger<MarkdownRenderer>? logger = null)
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseTaskLists()
        .UseAutoLinks()
        .UseFootnotes()
        .UseEmphasisExtras()
        .DisableHtml()
        .Build();

    /// <summary>
    /// HTML already made, per text instance: records shared through the aggregate cache hand every
    /// viewer the same strings, so they also share one HTML string (and one rendering) instead of a
    /// copy per circuit. Entries go with their text.
    /// </summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, string> _made = new();

    /// <summary>
    /// The text as the page shows it (what <c>MarkdownView</c> renders), for places that repeat it per row
    /// and would otherwise keep a component per row in every viewer's circuit.
    /// </summary>
    public Microsoft.AspNetCore.Components.RenderFragment View(string? markdown) => builder =>
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "markdown");
        builder.AddMarkupContent(2, ToHtml(markdown));
        builder.CloseElement();
    };

    /// <summary>The HTML, or the text escaped under a message when it cannot be rendered.</summary>
    public string ToHtml(string? markdown) =>
        markdown is null ? "" : _made.GetValue(markdown, text => Render(text).Html);

    /// <summary>The HTML and, when the text was shown as plain text instead, why (for a message beside the editor).</summary>
    public MarkdownResult Render(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return new("", null);
        var problem = MarkdownGuard.FindProblem(markdown);
        if (problem is null)
        {
            try
            {
                return new(Parse(markdown), null);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IndexOutOfRangeException or InsufficientExecutionStackException)
            {
                // Markdig's own limits (it throws ArgumentException past its depth limit) or a parser
                // bug on odd input: the page must still show the text.
                logger?.LogWarning(ex, "Markdown of {Length} characters could not be rendered", markdown.Length);
                problem = "it could not be rendered as Markdown";
            }
        }
        return new(PlainText(markdown, problem), problem);
    }

    /// <summary>
    /// Renders a text whose placeholders <paramref name="expand"/> turns into generated tables. The
    /// writer's own text is checked first, so a problem names the line as the writer sees it in the
    /// editor (the generated tables would shift every line number after them).
    /// </summary>
    public MarkdownResult RenderExpanded(string? markdown, Func<string?, string> expand) =>
        markdown is not null && MarkdownGuard.FindProblem(markdown) is { } problem
            ? new(PlainText(markdown, problem), problem)
            : Render(expand(markdown));

    private static string PlainText(string markdown, string problem) =>
        $"<div class=\"markdown-unrendered\"><p class=\"markdown-problem\" role=\"status\">Shown as plain text: {WebUtility.HtmlEncode(problem)}.</p>" +
        $"<pre>{WebUtility.HtmlEncode(markdown)}</pre></div>";

    private string Parse(string markdown)
    {
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

/// <summary>Rendered HTML; <paramref name="Problem"/> says why the text was shown as plain text instead, or is null.</summary>
public sealed record MarkdownResult(string Html, string? Problem);
