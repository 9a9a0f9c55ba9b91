namespace Dashboard.Data.Postmortems;

/// <summary>
/// A section reviewers expect, with the hint the template puts under its heading and the table
/// generated into it. <paramref name="TableIsContent"/>: the generated table alone fills the section
/// (the timeline, the actions); elsewhere it only supports the author's text.
/// </summary>
public sealed record TemplateSection(string Heading, string Hint, string? Placeholder = null, bool TableIsContent = false);

/// <summary>The document a new postmortem starts from: the sections reviewers expect, each with a one-line hint.</summary>
public static class PostmortemTemplate
{
    public static readonly IReadOnlyList<TemplateSection> Sections =
    [
        new("Summary", "_What happened, to whom, and for how long, in three or four sentences._", GeneratedSections.Metrics),
        new("Impact", "_Who was affected and how: customers, requests, revenue, support load._", GeneratedSections.Impact),
        new("Trigger", "_The change or event that set the incident off._"),
        new("Contributing factors", "_What had to be true for this to happen, each necessary and none alone sufficient; the list below is built from the incident's factors._", GeneratedSections.Factors, TableIsContent: true),
        new("Detection", "_How and when we found out, and how we could have known sooner._"),
        new("Response and recovery", "_What we did to mitigate and recover, and what slowed us down._"),
        new("Timeline", "_Key moments in UTC; the table below is built from the incident's timeline._", GeneratedSections.Timeline, TableIsContent: true),
        new("What went well", "_Tools, people and practices that helped._"),
        new("What went wrong", "_What made the incident worse or longer._"),
        new("Where we got lucky", "_Things that limited the damage by chance, not by design._"),
        new("What surprised us", "_What nobody expected, about the system, the tools or the response: where our picture of the system was wrong; written in “What surprised us” beside the postmortem and shown below._", GeneratedSections.Surprises, TableIsContent: true),
        new("Action items", "_Follow-ups with an owner and a due date; the table below is built from the incident's actions._", GeneratedSections.Actions, TableIsContent: true),
        new("Supporting information", "_Links to dashboards, chat logs, status-page posts and public write-ups._"),
    ];

    public static string Build(string incidentTitle)
    {
        var text = new System.Text.StringBuilder($"# Postmortem: {incidentTitle}\n");
        foreach (var s in Sections)
        {
            text.Append($"\n## {s.Heading}\n\n{s.Hint}\n");
            if (s.Placeholder is not null) text.Append($"\n{s.Placeholder}\n");
        }
        return text.ToString();
    }

    /// <summary>True for a line the template wrote as guidance, which does not count as the author's text.</summary>
    public static bool IsHint(string line) => Sections.Any(s => s.Hint == line.Trim());
}
