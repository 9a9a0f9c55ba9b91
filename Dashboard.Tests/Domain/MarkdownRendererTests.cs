using Dashboard.Ui.Kit;


namespace Dashboard.Tests.Domain;

public class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Fact]
    public void Script_tags_are_shown_as_text_not_markup()
    {
        var html = _renderer.ToHtml("Hello <script>alert('x')</script>");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public void Text_from_the_record_inside_generated_tables_stays_text()
    {
        var at = new DateTime(2025, 11, 18, 11, 5, 0, DateTimeKind.Utc);
        var evil = new Dashboard.Data.Timeline.TimelineEntry(1, at, null, Dashboard.Data.Kernel.EventKind.Note,
            "<img src=x onerror=alert(1)> | [x](javascript:alert(2))", null, Dashboard.Data.Kernel.EventSource.Manual, null, true, null, "<script>s</script>");
        var record = new Dashboard.Data.Postmortems.PostmortemRecord(1,
            new Dashboard.Data.Timeline.TimelineData(1, new Dashboard.Data.Kernel.PhaseTimes(at, at, null, null, null, null), at, [evil], []), []);

        var html = _renderer.ToHtml(Dashboard.Data.Postmortems.GeneratedSections.Expand("{{timeline}}", record));

        Assert.Equal(2, html.Split("<tr>").Length - 1); // header and one row: the pipe did not split the cell
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Event_handler_attributes_never_become_attributes()
    {
        var html = _renderer.ToHtml("<img src=x onerror=alert(1)> and text{onclick=\"alert(1)\"}");

        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" onclick=", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JavaScript:alert(1))")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)")]
    public void Links_with_unsafe_schemes_lose_their_target(string markdown)
    {
        var html = _renderer.ToHtml(markdown);

        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Ordinary_markdown_renders_with_tables_and_safe_links()
    {
        var html = _renderer.ToHtml("**bold** [post](https://blog.cloudflare.com/x)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done");

        Assert.Contains("<strong>bold</strong>", html);
        Assert.Contains("href=\"https://blog.cloudflare.com/x\"", html);
        Assert.Contains("<table>", html);
        Assert.Contains("type=\"checkbox\"", html);
    }
}
