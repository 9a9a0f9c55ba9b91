using System.Globalization;
using System.Text;
using Dashboard.Data.Review;
using Dashboard.Data.Budgets;
using Dashboard.Data.Learning;

namespace Dashboard.Data.Postmortems;

/// <summary>
/// Replaces placeholder lines ({{timeline}}, {{timeline:all}}, {{impact}}, {{actions}}, {{metrics}})
/// with Markdown tables built from the incident's current record. A placeholder must stand alone on
/// its line (a table cannot start mid-paragraph) and is left alone inside fenced code, so a document
/// can still show the syntax. The expanded document is capped at <see cref="Limits.ExpandedMarkdownLength"/>
/// characters: a table that would pass the cap is cut with a line saying how many rows were left out,
/// and a placeholder after the cap becomes a one-line notice.
/// </summary>
public static class GeneratedSections
{
    public const string Timeline = "{{timeline}}";
    public const string TimelineAll = "{{timeline:all}}";
    public const string Impact = "{{impact}}";
    public const string Actions = "{{actions}}";
    public const string Metrics = "{{metrics}}";
    public const string Related = "{{related}}";
    public const string Budget = "{{budget}}";
    public const string Factors = "{{factors}}";
    public const string Changes = "{{changes}}";
    public const string Questions = "{{questions}}";
    public const string Surprises = "{{surprises}}";

    public static readonly IReadOnlyList<(string Placeholder, string Meaning)> All =
    [
        (Timeline, "key events (starred), in UTC"),
        (TimelineAll, "every event, in UTC"),
        (Impact, "affected services with windows and minutes"),
        (Actions, "actions with owner, due date and status"),
        (Metrics, "phase times and time to detect, mitigate and resolve"),
        (Related, "linked incidents and, for a repeat, the earlier follow-ups still open when it started"),
        (Budget, "what the incident took from each service's error budget"),
        (Factors, "contributing factors with their category, evidence events and the actions addressing them"),
        (Changes, "the changes marked as the trigger or contributing, with their time, kind, services and link"),
        (Questions, "the questions for the review meeting, open or answered with their answer"),
        (Surprises, "the incident's “What surprised us”, as written beside the postmortem"),
    ];

    public static bool IsPlaceholderLine(string line) => All.Any(p => p.Placeholder == line.Trim());

    public static string Expand(string? markdown, PostmortemRecord record) => Expand(markdown, record, Limits.ExpandedMarkdownLength);

    /// <summary>As <see cref="Expand(string?, PostmortemRecord)"/> with another cap, so tests can reach it with small records.</summary>
    public static string Expand(string? markdown, PostmortemRecord record, int cap)
    {
        if (string.IsNullOrEmpty(markdown)) return "";
        var output = new StringBuilder(Math.Min(markdown.Length, cap) + 4096);
        var inFence = false;
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (PostmortemSections.IsFence(line)) inFence = !inFence;
            var placeholder = inFence ? null : All.Select(p => p.Placeholder).FirstOrDefault(p => p == line.Trim());
            // The user's own text is bounded by Limits.PostmortemLength; only generated text is cut.
            var room = cap - output.Length;
            var table = placeholder switch
            {
                null => null,
                _ when room <= 0 => CapNotice(placeholder),
                Timeline => TimelineTable(record, keyOnly: true, room),
                TimelineAll => TimelineTable(record, keyOnly: false, room),
                Impact => ImpactTable(record),
                Actions => ActionsTable(record),
                Related => RelatedTable(record),
                Budget => BudgetTable(record),
                Factors => FactorsTable(record),
                Changes => ChangesTable(record),
                Questions => QuestionsList(record),
                Surprises => string.IsNullOrWhiteSpace(record.WhatSurprisedUs) ? "_Nothing recorded yet: write it in “What surprised us” beside the postmortem._" : record.WhatSurprisedUs.Trim(),
                _ => MetricsTable(record),
            };
            if (table is not null && table.Length > room && placeholder is not (Timeline or TimelineAll)) table = CapNotice(placeholder!);
            output.Append(table ?? line).Append('\n');
        }
        return output.ToString();
    }

    private static string CapNotice(string placeholder) =>
        $"_`{placeholder}` left out: the document with its generated tables has reached {Limits.ExpandedMarkdownLength / 1_000_000} MB._";

    /// <summary>Rows are added while they fit in <paramref name="room"/>; the rest are counted in a closing line.</summary>
    private static string TimelineTable(PostmortemRecord record, bool keyOnly, int room)
    {
        var events = record.Timeline.Events.Where(e => !keyOnly || e.IsKey).ToList();
        if (events.Count == 0)
            return keyOnly ? "_No key events yet: star events on the timeline, or use `{{timeline:all}}`._" : "_No events on the timeline yet._";
        const string header = "| Time (UTC) | Kind | Service | Event |\n|---|---|---|---|\n";
        if (room < header.Length + 200) return CapNotice(keyOnly ? Timeline : TimelineAll);
        var t = new StringBuilder(header);
        var written = 0;
        foreach (var e in events)
        {
            var row = $"| {UtcTime.Format(e.OccurredAt)} | {e.Kind} | {Cell(e.ServiceName)} | {Cell(e.Text)} |\n";
            if (t.Length + row.Length > room - 200) break; // 200: room for the closing line
            t.Append(row);
            written++;
        }
        if (written < events.Count)
            t.Append(CultureInfo.InvariantCulture, $"\n_{events.Count - written:N0} of {events.Count:N0} events left out: the document with its generated tables is capped at {Limits.ExpandedMarkdownLength / 1_000_000} MB._");
        return t.ToString().TrimEnd('\n');
    }

    /// <summary>
    /// A window without a published end counts until the incident's resolution, as on the review
    /// and the service pages, so the same incident shows the same impact minutes everywhere.
    /// </summary>
    private static string ImpactTable(PostmortemRecord record)
    {
        var impacts = record.Timeline.Impacts;
        if (impacts.Count == 0) return "_No impact windows recorded yet._";
        var resolved = record.Timeline.Phases.Resolved;
        var t = new StringBuilder("| Service | Level | Start (UTC) | End (UTC) | Minutes |\n|---|---|---|---|---:|\n");
        foreach (var x in impacts)
        {
            var end = x.EndedAt ?? resolved;
            var minutes = end is { } e ? Minutes(e - x.StartedAt) + (x.EndedAt is null ? " (to resolution)" : "") : "—";
            t.Append($"| {Cell(x.ServiceName)} | {Names.Of(x.Level)} | {UtcTime.Format(x.StartedAt)} | {(x.EndedAt is { } ended ? UtcTime.Format(ended) : "not given")} | {minutes} |\n");
        }
        var total = impacts.Where(x => (x.EndedAt ?? resolved) is not null).GroupBy(x => x.ServiceKey)
            .Sum(g => ReliabilityMath.Merge(g.Select(x => (x.StartedAt, (x.EndedAt ?? resolved)!.Value))).Sum(w => (w.End - w.Start).TotalMinutes));
        var services = impacts.Select(x => x.ServiceKey).Distinct().Count();
        t.Append($"\n{services} service{(services == 1 ? "" : "s")}, {Minutes(TimeSpan.FromMinutes(total))} impact minutes " +
                 "(overlapping windows of one service counted once; a window without a published end counts until the incident's resolution).");
        return t.ToString();
    }

    private static string ActionsTable(PostmortemRecord record)
    {
        if (record.Actions.Count == 0) return "_No actions yet._";
        var t = new StringBuilder("| Action | Owner | Due | Status | Priority |\n|---|---|---|---|---|\n");
        foreach (var a in record.Actions)
        {
            var owner = a.Owner is null ? a.Team ?? "**no owner**" : a.Team is null ? a.Owner : $"{a.Owner} ({a.Team})";
            var due = a.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "**no due date**";
            t.Append($"| {Cell(a.Title)} | {Cell(owner)} | {due} | {Names.Of(a.Status)} | {a.Priority} |\n");
        }
        return t.ToString().TrimEnd('\n');
    }

    /// <summary>A numbered list, not a table: a factor's evidence and actions read better as sub-items than as crowded cells.</summary>
    private static string FactorsTable(PostmortemRecord record)
    {
        if (record.Factors.Count == 0) return "_No contributing factors recorded yet._";
        var t = new StringBuilder();
        foreach (var (f, n) in record.Factors.Select((f, n) => (f, n + 1)))
        {
            t.Append($"{n}. **{Inline(f.Category)}**: {Inline(f.Statement)}\n");
            foreach (var e in f.Evidence) t.Append($"   - Evidence: {UtcTime.Format(e.OccurredAt)} {Inline(e.Text)}\n");
            foreach (var a in f.Actions) t.Append($"   - Addressed by: {Inline(a.Title)} ({Names.Of(a.Status)})\n");
        }
        return t.ToString().TrimEnd('\n');
    }

    /// <summary>Open questions first; an answered one carries its answer as a sub-item, a question about an event names it.</summary>
    private static string QuestionsList(PostmortemRecord record)
    {
        if (record.Questions.Count == 0) return "_No questions for the review yet._";
        var t = new StringBuilder();
        foreach (var q in record.Questions)
        {
            t.Append($"- {(q.IsAnswered ? "[x]" : "[ ]")} {Inline(q.Text)}");
            if (q.EventAt is { } at) t.Append($" _(about {UtcTime.Format(at)}: {Inline(Shorten(q.EventText ?? ""))})_");
            t.Append($" — {Inline(q.AskedBy)}\n");
            if (q.Answer is { } answer) t.Append($"  - Answer: {Inline(answer)}{(q.AnsweredBy is { } by ? $" — {Inline(by)}" : "")}\n");
        }
        return t.ToString().TrimEnd('\n');
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..79] + "…";

    /// <summary>The trigger first; a link is written in angle brackets, so no character of the address can end it early.</summary>
    private static string ChangesTable(PostmortemRecord record)
    {
        if (record.Changes.Count == 0) return "_No change marked as the trigger or contributing yet: mark one in “Changes before this incident”._";
        var t = new StringBuilder("| Role | Started (UTC) | Kind | Services | Change | By |\n|---|---|---|---|---|---|\n");
        foreach (var c in record.Changes)
        {
            var title = c.Link is null ? Cell(c.Title) : $"[{Cell(c.Title).Replace("[", "\\[").Replace("]", "\\]")}](<{c.Link.Replace("<", "%3C").Replace(">", "%3E").Replace("|", "%7C").Replace(" ", "%20")}>)";
            var environment = c.Environment is null ? "" : $" ({Cell(c.Environment)})";
            t.Append($"| {(c.Role == Data.Changes.ChangeRole.Trigger ? "**Trigger**" : "Contributing")} | {UtcTime.Format(c.StartedAt)} | {Data.Changes.ChangeRules.Name(c.Kind)} | " +
                     $"{Cell(string.Join(", ", c.Services))}{environment} | {title} | {Cell(c.Author)} |\n");
        }
        return t.ToString().TrimEnd('\n');
    }

    /// <summary>Text inside a list item: on one line, so a line break in it cannot end the list.</summary>
    private static string Inline(string text) => text.Replace("\r", " ").Replace("\n", " ").Trim();

    private static string MetricsTable(PostmortemRecord record)
    {
        var p = record.Timeline.Phases;
        var t = new StringBuilder("| Phase | Time (UTC) |\n|---|---|\n");
        foreach (var (name, at) in p.Named)
            t.Append($"| {name} | {(at is { } x ? UtcTime.Format(x) : "missing")} |\n");
        t.Append("\n| Metric | Value |\n|---|---|\n");
        t.Append($"| Time to detect | {Span(p.TimeToDetect)} |\n| Time to mitigate | {Span(p.TimeToMitigate)} |\n| Time to resolve | {Span(p.TimeToResolve)} |");
        return t.ToString();
    }

    /// <summary>The links, then for each repeat the earlier incident's follow-ups that were open when it started.</summary>
    private static string RelatedTable(PostmortemRecord record)
    {
        var related = record.Related;
        if (related.Links.Count == 0) return "_No linked incidents._";
        var t = new StringBuilder("| Link | Incident | Started (UTC) |\n|---|---|---|\n");
        foreach (var l in related.Links)
            t.Append($"| {l.Label} | {Cell(l.Title)} (`{l.Slug}`) | {(l.StartedAt is { } at ? UtcTime.Format(at) : "—")} |\n");
        foreach (var r in related.Repeats)
        {
            t.Append('\n');
            if (r.RepeatStartedAt is not { } started)
            {
                t.Append($"_Repeats {Cell(r.EarlierTitle)}: this incident has no start time, so the follow-ups open at the repeat cannot be told._\n");
                continue;
            }
            t.Append($"**Follow-ups of {Cell(r.EarlierTitle)} still open when this incident started ({UtcTime.Format(started)}): {r.Open.Count} of the {r.AgreedBefore} agreed before it.**\n");
            if (r.Open.Count == 0) continue;
            t.Append("\n| Action | Owner | Due | Status then | Overdue then | Closed |\n|---|---|---|---|---:|---|\n");
            foreach (var p in r.Open)
                t.Append($"| {Cell(p.Title)} | {Cell(p.Owner)} | {p.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "no due date"} | {Names.Of(p.StatusAtRepeat)} | " +
                         $"{(p.DaysOverdueAtRepeat is { } d ? $"{d} days" : "—")} | {(p.ClosedAt is { } c ? $"{Names.Of(p.ClosedAs!.Value)} {UtcTime.Format(c)}" : "not yet")} |\n");
        }
        return t.ToString().TrimEnd('\n');
    }

    /// <summary>Per affected service: its SLO, the minutes charged (weighted, overlaps once at the highest level) and the share of its budget.</summary>
    private static string BudgetTable(PostmortemRecord record)
    {
        var budget = record.Budget;
        if (budget.Services.Count == 0) return "_No impact windows recorded yet._";
        var t = new StringBuilder("| Service | SLO | Impact minutes | Charged minutes | Budget minutes | Share of budget |\n|---|---|---:|---:|---:|---:|\n");
        foreach (var s in budget.Services)
            t.Append(s.Slo is { } slo && s.Use is { } use
                ? $"| {Cell(s.ServiceName)} | {slo.Describe()} | {Minutes(TimeSpan.FromMinutes(s.ImpactMinutes))} | {use.ChargedMinutes:0.#} | {use.BudgetMinutes:0.#} | {use.Share * 100:0}% |\n"
                : $"| {Cell(s.ServiceName)} | no SLO | {Minutes(TimeSpan.FromMinutes(s.ImpactMinutes))} | — | — | — |\n");
        t.Append(budget.RequiresPostmortem
            ? $"\n**Postmortem required:** this incident took more than {budget.RequiredShare * 100:0}% of the error budget of {budget.OverThresholdNames}."
            : $"\nNo service lost more than {budget.RequiredShare * 100:0}% of its error budget to this incident.");
        return t.ToString();
    }

    private static string Span(TimeSpan? span) => span is null ? "missing (a phase time is not recorded)" : Durations.Format(span);

    private static string Minutes(TimeSpan span) => Math.Round(span.TotalMinutes).ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Keeps user text inside its table cell: pipes escaped, line breaks flattened.</summary>
    private static string Cell(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "—" : text.Replace("\\", "\\\\").Replace("|", "\\|").Replace("\r", "").Replace('\n', ' ');
}
