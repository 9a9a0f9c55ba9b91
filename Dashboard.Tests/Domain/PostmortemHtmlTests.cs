using Dashboard.Data.Postmortems;
using Dashboard.Data.Timeline;
using Dashboard.Postmortems;
using Dashboard.Ui.Kit;

namespace Dashboard.Tests.Domain;

public sealed class PostmortemHtmlTests
{
    private static readonly DateTime At = new(2025, 11, 18, 11, 5, 0, DateTimeKind.Utc);

    private static string Render(string markdown)
    {
        var doc = new PostmortemDocument(1, "x", "Outage <b>", Severity.Sev1, "Acme", markdown, PostmortemStatus.Published,
            Guid.NewGuid(), At, "ana", []);
        var record = new PostmortemRecord(1, new TimelineData(1, new PhaseTimes(At, At, null, null, null, null), At, [], []), []);
        return PostmortemHtml.Render(doc, record, new MarkdownRenderer(), At.AddDays(30));
    }

    [Fact]
    public void Each_section_is_printed_on_its_own_page_and_the_title_stays_with_the_first()
    {
        var html = Render("# Postmortem: outage\n\nIntro.\n\n## Summary\n\nText.\n\n## Impact\n\nMore.\n\n## Timeline\n\n{{timeline:all}}\n");

        var sections = html.Split("<section>").Skip(1).ToList();
        Assert.Equal(3, sections.Count);
        Assert.Contains("<h1>", sections[0]);
        Assert.Contains("<h2>Summary</h2>", sections[0]);
        Assert.StartsWith("<h2>Impact</h2>", sections[1]);
        Assert.Contains("No events on the timeline yet", sections[2]);
        Assert.Contains("@page{size:A4", html);
    }

    [Fact]
    public void The_header_is_encoded_and_names_status_and_times_in_UTC()
    {
        var html = Render("Just text, no headings.");

        Assert.Contains("Outage &lt;b&gt;", html);
        Assert.Contains("SEV1 · postmortem published · saved 2025-11-18 11:05 UTC by ana · exported 2025-12-18 11:05 UTC", html);
        Assert.Single(html.Split("<section>").Skip(1));
    }
}
