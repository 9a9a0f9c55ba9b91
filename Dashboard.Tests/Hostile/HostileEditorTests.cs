using Bunit;
using Dashboard.Tests.Infrastructure;
using Dashboard.Postmortems;

namespace Dashboard.Tests.Hostile;

/// <summary>The postmortem editor fed what a hostile or unlucky user types: the page keeps working and says why.</summary>
public sealed class HostileEditorTests : MudTestContext
{
    private const string Cloudflare = "2025-11-18-cloudflare-bot-management";

    [Fact]
    public async Task Deep_nesting_is_previewed_as_text_with_the_line_named_beside_the_editor()
    {
        var cut = Render<PostmortemPage>(p => p.Add(x => x.Slug, Cloudflare));
        cut.WaitForAssertion(() => cut.Find("[data-testid=postmortem-preview]"));
        var editor = cut.FindComponent<MarkdownEditor>();

        // The generated table above the bad line adds lines to the preview; the message counts the editor's lines.
        await cut.InvokeAsync(() => editor.Instance.EditorPaused(TextStream.Of("# Title\n\n{{timeline:all}}\n\n" + string.Concat(Enumerable.Repeat("- ", 150)) + "x")));

        Assert.Contains("nesting deeper than 32 levels at line 5.", cut.Find("[data-testid=render-problem]").TextContent);
        Assert.Contains("Shown as plain text", cut.Find("[data-testid=postmortem-preview]").TextContent);

        await cut.InvokeAsync(() => editor.Instance.EditorPaused(TextStream.Of("# Fixed\n\n- one\n  - two")));
        Assert.Empty(cut.FindAll("[data-testid=render-problem]"));
        Assert.Equal("Fixed", cut.Find("[data-testid=postmortem-preview] h1").TextContent);
    }

    [Fact]
    public async Task An_over_size_text_stream_is_refused_by_its_length_without_being_read()
    {
        var cut = Render<PostmortemPage>(p => p.Add(x => x.Slug, Cloudflare));
        cut.WaitForAssertion(() => cut.Find("[data-testid=postmortem-preview]"));
        var editor = cut.FindComponent<MarkdownEditor>();
        var huge = new TextStream(new byte[3 * Limits.PostmortemLength + 1]);

        await cut.InvokeAsync(() => editor.Instance.EditorPaused(huge));

        Assert.False(huge.Opened);
        Assert.Contains("the limit is 1,000,000", cut.Find("[data-testid=editor-notice]").TextContent);
    }

    [Fact]
    public async Task A_text_within_the_byte_limit_but_over_the_character_limit_is_refused_too()
    {
        var cut = Render<PostmortemPage>(p => p.Add(x => x.Slug, Cloudflare));
        cut.WaitForAssertion(() => cut.Find("[data-testid=postmortem-preview]"));
        var editor = cut.FindComponent<MarkdownEditor>();

        await cut.InvokeAsync(() => editor.Instance.EditorPaused(TextStream.Of(new string('a', Limits.PostmortemLength + 1))));

        Assert.Contains("1,000,001 characters", cut.Find("[data-testid=editor-notice]").TextContent);
        Assert.Equal("Postmortem: Global 5xx errors from an oversized Bot Management feature file", cut.Find("[data-testid=postmortem-preview] h1").TextContent);
    }
}
