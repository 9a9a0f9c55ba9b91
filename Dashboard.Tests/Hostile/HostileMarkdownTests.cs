using Dashboard.Data.Postmortems;
using Dashboard.Data.Timeline;
using Markdig;
using Dashboard.Ui.Kit;

namespace Dashboard.Tests.Hostile;

/// <summary>Markdown that Markdig cannot take, and placeholders that would expand without bound.</summary>
public class HostileMarkdownTests
{
    private readonly MarkdownRenderer _renderer = new();

    public static TheoryData<string, string> Deep => new()
    {
        { "intro\n\n" + string.Concat(Enumerable.Repeat("- ", 150)) + "x", "nesting deeper than 32 levels at line 3" },
        { new string('>', 200) + " quote", "nesting deeper than 32 levels at line 1" },
        { string.Concat(Enumerable.Repeat("1. ", 100)) + "x", "nesting deeper than 32 levels at line 1" },
        { string.Join("\n", Enumerable.Range(0, 120).Select(i => new string(' ', i * 2) + "- item")), "nesting deeper than 32 levels at line" },
        { "|" + string.Concat(Enumerable.Repeat("a|", 5000)) + "\n|" + string.Concat(Enumerable.Repeat("-|", 5000)), "a table row with more than 128 columns at line 1" },
        { "x " + new string('[', 100_000), "more than 100 nested brackets at line 1" },
    };

    [Theory]
    [MemberData(nameof(Deep))]
    public void Text_markdig_cannot_take_is_shown_escaped_with_the_line_named(string markdown, string problem)
    {
        var result = _renderer.Render(markdown + "\n<script>alert(1)</script>");

        Assert.StartsWith(problem, result.Problem);
        Assert.Contains("Shown as plain text: " + problem, result.Html);
        Assert.Contains("&lt;script&gt;", result.Html);
        Assert.DoesNotContain("<script", result.Html);
    }

    [Fact]
    public void Without_the_guard_markdig_throws_on_the_same_text_so_the_guard_is_what_keeps_the_page()
    {
        var pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();
        var deep = string.Concat(Enumerable.Repeat("- ", 150)) + "x";

        Assert.ThrowsAny<ArgumentException>(() => { Markdown.ToHtml(deep, pipeline); });
    }

    [Fact]
    public void Nesting_at_the_limit_and_ordinary_documents_still_render()
    {
        var result = _renderer.Render(string.Concat(Enumerable.Repeat("> ", 30)) + "deep but fine\n\n* * *\n\n| a | b |\n|---|---|\n| 1 | 2 |");

        Assert.Null(result.Problem);
        Assert.Contains("<blockquote>", result.Html);
        Assert.Contains("<table>", result.Html);
    }

    [Fact]
    public void Nesting_inside_fenced_code_is_text_not_structure()
    {
        var result = _renderer.Render("```\n" + string.Concat(Enumerable.Repeat("- ", 150)) + "\n```");

        Assert.Null(result.Problem);
        Assert.Contains("<pre><code>", result.Html);
    }

    [Fact]
    public void A_text_longer_than_the_render_limit_is_shown_as_text()
    {
        var result = _renderer.Render(new string('a', MarkdownGuard.MaxLength + 1));

        Assert.StartsWith("the text is", result.Problem);
    }

    private static PostmortemRecord Record(int events, int textLength)
    {
        var at = new DateTime(2025, 11, 18, 11, 0, 0, DateTimeKind.Utc);
        var list = Enumerable.Range(0, events).Select(i => new TimelineEntry(i, at.AddSeconds(i), null, EventKind.Note,
            new string('e', textLength), null, EventSource.Manual, null, true, null, null)).ToList();
        return new PostmortemRecord(1, new TimelineData(1, new PhaseTimes(at, at, null, null, null, null), at, list, []), []);
    }

    [Fact]
    public void Repeated_full_timelines_stop_at_the_cap_with_a_notice_per_placeholder_past_it()
    {
        var record = Record(events: 10_000, textLength: Limits.EventTextLength);
        var markdown = string.Join("\n", Enumerable.Repeat(GeneratedSections.TimelineAll, 500));

        var expanded = GeneratedSections.Expand(markdown, record);

        Assert.InRange(expanded.Length, 1, Limits.ExpandedMarkdownLength + 500 * 200);
        Assert.Matches(@"_[\d,]+ of 10,000 events left out", expanded);
        Assert.Contains("_`{{timeline:all}}` left out: the document with its generated tables has reached 2 MB._", expanded);
        Assert.Null(MarkdownGuard.FindProblem(expanded));
    }

    [Fact]
    public void A_timeline_that_fits_is_complete_and_a_small_cap_cuts_it_with_the_count()
    {
        var record = Record(events: 50, textLength: 20);

        Assert.DoesNotContain("left out", GeneratedSections.Expand(GeneratedSections.TimelineAll, record));
        var cut = GeneratedSections.Expand(GeneratedSections.TimelineAll, record, cap: 2_000);
        Assert.Matches(@"_\d+ of 50 events left out", cut);
        Assert.True(cut.Length < 2_000);
    }
}
