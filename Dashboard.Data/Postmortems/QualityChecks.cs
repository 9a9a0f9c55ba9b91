using Dashboard.Data.Timeline;

namespace Dashboard.Data.Postmortems;

/// <summary>Where a problem is fixed: the incident form, the timeline, the actions, or a line of the document.</summary>
public enum FixPlace { IncidentForm, Timeline, Actions, Document }

public sealed record QualityProblem(string Message, FixPlace Place, int? Line = null);

public sealed record QualityCheck(string Key, string Title, IReadOnlyList<QualityProblem> Problems)
{
    public bool Passed => Problems.Count == 0;
}

public sealed record QualityReport(IReadOnlyList<QualityCheck> Checks)
{
    /// <summary>Share of checks that pass, 0–100: every check weighs the same so the score is easy to explain.</summary>
    public int Score => Checks.Count == 0 ? 100 : (int)Math.Round(100.0 * Checks.Count(c => c.Passed) / Checks.Count);
}

/// <summary>
/// Deterministic checks of a postmortem against its incident's record. Each problem says what is
/// wrong and where it is fixed; long lists are cut to a few items so the panel stays readable.
/// </summary>
public static class QualityChecks
{
    private const int MaxListed = 5;

    /// <param name="hindsightPhrases">The configured wording the hindsight check flags (<see cref="PostmortemOptions"/>); null for the defaults.</param>
    public static QualityReport Run(PostmortemRecord record, string? markdown, IReadOnlyList<string>? hindsightPhrases = null)
    {
        var phases = record.Timeline.Phases;
        var sections = PostmortemSections.Parse(markdown);
        return new QualityReport(
        [
            new("phases-missing", "Phase times recorded", MissingPhases(phases)),
            new("phases-order", "Phase times in order", phases.OrderError() is { } order ? [new(order, FixPlace.IncidentForm)] : []),
            new("events-outside", "Events inside the incident window", EventsOutside(record.Timeline)),
            new("silent-gaps", "No silent gaps during impact", SilentGaps(record.Timeline)),
            new("actions-incomplete", "Every action has an owner and a due date", IncompleteActions(record.Actions)),
            new("root-cause-impact", "Contributing factors and impact written", FactorsAndImpact(sections, record.Factors.Count)),
            new("empty-sections", "No template section left empty", EmptySections(sections, record.WhatSurprisedUs)),
            new("hindsight", "No hindsight or blame wording", Hindsight(markdown, hindsightPhrases ?? HindsightWording.DefaultPhrases)),
        ]);
    }

    private static List<QualityProblem> MissingPhases(PhaseTimes p) =>
    [
        .. new[] { ("detected", p.Detected), ("mitigated", p.Mitigated), ("resolved", p.Resolved) }
            .Where(x => x.Item2 is null)
            .Select(x => new QualityProblem($"The {x.Item1} time is missing, so time to {Verb(x.Item1)} cannot be measured.", FixPlace.IncidentForm)),
    ];

    private static string Verb(string phase) => phase switch { "detected" => "detect", "mitigated" => "mitigate", _ => "resolve" };

    private static List<QualityProblem> EventsOutside(TimelineData timeline)
    {
        var p = timeline.Phases;
        var start = p.Triggered ?? p.Started;
        var outside = timeline.Events.Where(e => (start is { } s && e.OccurredAt < s) || (p.Resolved is { } r && e.OccurredAt > r)).ToList();
        return Capped(outside, e => new QualityProblem(
            $"{UtcTime.Format(e.OccurredAt)} “{Short(e.Text)}” is {(start is { } s && e.OccurredAt < s ? "before the trigger" : "after resolution")}.", FixPlace.Timeline));
    }

    private static List<QualityProblem> SilentGaps(TimelineData timeline) =>
        Capped([.. EventRules.SilentGaps(timeline.Phases, timeline.Events.Select(e => e.OccurredAt))], g => new QualityProblem(
            $"No events for {Durations.Format(g.To - g.From)} during impact, {UtcTime.Format(g.From)} to {UtcTime.Format(g.To)}.", FixPlace.Timeline));

    private static List<QualityProblem> IncompleteActions(IReadOnlyList<ActionLine> actions) =>
        Capped([.. actions.Where(a => a.Owner is null || a.DueDate is null)], a => new QualityProblem(
            $"“{Short(a.Title)}” has no {(a.Owner is null && a.DueDate is null ? "owner and no due date" : a.Owner is null ? "owner" : "due date")}.", FixPlace.Actions));

    /// <summary>
    /// The factors (or, in a postmortem written before factors, its root-cause section) and the impact.
    /// Recorded factors fill their section through <c>{{factors}}</c>; without any, it needs the author's text.
    /// </summary>
    private static List<QualityProblem> FactorsAndImpact(IReadOnlyList<DocumentSection> sections, int factors)
    {
        var problems = new List<QualityProblem>();
        var causes = PostmortemSections.Find(sections, "Contributing factors") ?? PostmortemSections.Find(sections, "Root cause");
        if (causes is null) problems.Add(new("There is no “## Contributing factors” section.", FixPlace.Document, 1));
        else if (!causes.HasText && !(factors > 0 && causes.Body.Any(l => l.Trim() == GeneratedSections.Factors)))
            problems.Add(new($"“{causes.Heading}” says nothing yet: record the factors on the incident page (listed here by {GeneratedSections.Factors}) or write them.", FixPlace.Document, causes.Line));
        var impact = PostmortemSections.Find(sections, "Impact");
        if (impact is null) problems.Add(new("There is no “## Impact” section.", FixPlace.Document, 1));
        else if (!impact.HasText) problems.Add(new("“Impact” has no text of its own (a generated table alone does not say what it means).", FixPlace.Document, impact.Line));
        return problems;
    }

    /// <summary>A section filled by its generated table counts as written; <c>{{surprises}}</c> only once the field has text.</summary>
    private static List<QualityProblem> EmptySections(IReadOnlyList<DocumentSection> sections, string? whatSurprisedUs)
    {
        bool Fills(string line) => GeneratedSections.IsPlaceholderLine(line) && (line.Trim() != GeneratedSections.Surprises || !string.IsNullOrWhiteSpace(whatSurprisedUs));
        var problems = new List<QualityProblem>();
        foreach (var expected in PostmortemTemplate.Sections)
        {
            var section = PostmortemSections.Find(sections, expected.Heading);
            if (section is null) problems.Add(new($"“{expected.Heading}” is missing.", FixPlace.Document, 1));
            else if (!section.HasText && !(expected.TableIsContent && section.Body.Any(Fills)))
                problems.Add(new($"“{expected.Heading}” is empty.", FixPlace.Document, section.Line));
        }
        return problems;
    }

    /// <summary>A suggestion, not a rule: the words are flagged with their line so the author can reword them.</summary>
    private static List<QualityProblem> Hindsight(string? markdown, IReadOnlyList<string> phrases) =>
        Capped(HindsightWording.Find(markdown, phrases), f => new QualityProblem(
            $"Line {f.Line}: “{f.Phrase}” ({f.Excerpt}) judges with hindsight; consider describing what people saw, knew and did at the time.",
            FixPlace.Document, f.Line));

    private static List<QualityProblem> Capped<T>(IReadOnlyList<T> items, Func<T, QualityProblem> describe)
    {
        var problems = items.Take(MaxListed).Select(describe).ToList();
        if (items.Count > MaxListed) problems.Add(problems[0] with { Message = $"… and {items.Count - MaxListed} more." });
        return problems;
    }

    private static string Short(string text) => text.Length <= 60 ? text : text[..57] + "…";
}
