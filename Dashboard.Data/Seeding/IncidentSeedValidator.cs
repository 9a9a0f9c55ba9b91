using System.Globalization;
using Dashboard.Data.Actions;
using Dashboard.Data.Catalog;
using Dashboard.Data.Impact;
using Dashboard.Data.Incidents;
using Dashboard.Data.Postmortems;
using Dashboard.Data.Timeline;
using Dashboard.Data.Factors;
using Dashboard.Data.Graph;
using Dashboard.Data.Learning;

namespace Dashboard.Data.Seeding;

/// <summary>Turns an incident document into an <see cref="Incident"/> graph, or into the list of what is wrong with it.</summary>
internal static class IncidentSeedValidator
{
    public static (Incident? Incident, SeedErrors Errors) Validate(
        IncidentDocument doc, IReadOnlyDictionary<string, int> serviceIds, IReadOnlySet<string> existingSlugs, DateTime now,
        DocumentRules? rules = null)
    {
        rules ??= DocumentRules.SeedFile;
        var e = new SeedErrors();
        if (doc.FormatVersion != 1) e.Add("formatVersion", "must be 1");
        e.Count("timeline", doc.Timeline, Limits.EventsPerIncident);
        e.Count("impacts", doc.Impacts, Limits.ImpactsPerIncident);
        e.Count("actions", doc.Actions, Limits.ActionsPerIncident);
        e.Count("factors", doc.Factors, Factors.FactorRules.FactorsPerIncident);
        e.Count("questions", doc.Questions, Questions.QuestionRules.QuestionsPerIncident);
        e.Count("sources", doc.Sources, Limits.SourcesPerIncident);
        e.Count("tags", doc.Tags, Limits.TagCount);
        e.Count("postmortemHistory", doc.PostmortemHistory, Limits.ActionsPerIncident);
        e.Count("services", doc.Services, Limits.Services);
        if (e.Any) return (null, e); // never walk a list that is over its limit

        var slug = e.Text("slug", doc.Slug, Limits.SlugLength, required: true);
        if (slug is not null && !Slugs.IsValid(slug)) e.Add("slug", $"'{slug}' must be lowercase letters, digits and '-', 2–80 characters");
        else if (slug is not null && existingSlugs.Contains(slug)) e.Add("slug", $"'{slug}' is already used by another incident");

        var incident = new Incident
        {
            Slug = slug ?? "",
            Title = e.Text("title", doc.Title, Limits.TitleLength, required: true) ?? "",
            Organisation = e.Text("organisation", doc.Organisation, Limits.NameLength, required: true) ?? "",
            Severity = SeedEnum.Parse<Severity>(e, "severity", doc.Severity) ?? default,
            Status = SeedEnum.Parse<IncidentStatus>(e, "status", doc.Status) ?? default,
            Commander = e.Text("commander", doc.Commander, Limits.PersonLength, required: false),
            SourceTimeZone = e.Text("sourceTimeZone", doc.SourceTimeZone, Limits.NameLength, required: false),
            Summary = e.Text("summary", doc.Summary, Limits.MarkdownLength, required: true) ?? "",
            Trigger = e.Text("trigger", doc.Trigger, Limits.MarkdownLength, required: false),
            RootCause = e.Text("rootCause", doc.RootCause, Limits.MarkdownLength, required: false),
            CustomerImpact = e.Text("customerImpact", doc.CustomerImpact, Limits.MarkdownLength, required: false),
            WhatSurprisedUs = e.Text("whatSurprisedUs", doc.WhatSurprisedUs, Limits.MarkdownLength, required: false),
            IsNearMiss = doc.NearMiss ?? false,
            PostmortemStatus = SeedEnum.Parse<PostmortemStatus>(e, "postmortemStatus", doc.PostmortemStatus, required: false) ?? PostmortemStatus.Draft,
            PostmortemSavedAt = OptionalTime(e, "postmortemSavedAt", doc.PostmortemSavedAt),
            PostmortemSavedBy = e.Text("postmortemSavedBy", doc.PostmortemSavedBy, Limits.PersonLength, required: false),
            CreatedAt = now,
            UpdatedAt = now,
            Version = Guid.NewGuid(),
        };
        incident.Tags = Tags(e, doc.Tags);
        Phases(e, doc.Phases, incident);
        var sourceRefs = Sources(e, doc.Sources, incident, rules);
        var eventRefs = Events(e, doc.Timeline, incident, serviceIds, sourceRefs, rules);
        Impacts(e, doc.Impacts, incident, serviceIds);
        History(e, doc.PostmortemHistory, incident);
        // Public follow-ups are committed when the incident closes, not when we import the file;
        // dating them so keeps their age (and any completion before today) meaningful.
        var actionRefs = Actions(e, doc.Actions, incident, incident.ResolvedAt ?? incident.StartedAt ?? incident.TriggeredAt ?? now);
        FactorList(e, doc.Factors, incident, eventRefs, actionRefs, now);
        QuestionList(e, doc.Questions, incident, eventRefs, now);
        return (e.Any ? null : incident, e);
    }

    private static string? Tags(SeedErrors e, List<string?>? tags)
    {
        var clean = new List<string>();
        foreach (var (t, i) in (tags ?? []).Select((t, i) => (t, i)))
            if (e.Text($"tags[{i}]", t, Limits.TagLength, required: true) is { } tag)
                if (tag.Contains(',')) e.Add($"tags[{i}]", "must not contain a comma");
                else clean.Add(tag.ToLowerInvariant());
        return clean.Count > 0 ? string.Join(",", clean.Distinct()) : null;
    }

    private static void Phases(SeedErrors e, PhasesDocument? p, Incident incident)
    {
        if (p is null) { e.Add("phases", "is required"); return; }
        incident.TriggeredAt = OptionalTime(e, "phases.triggered", p.Triggered);
        incident.StartedAt = OptionalTime(e, "phases.started", p.Started);
        incident.DetectedAt = OptionalTime(e, "phases.detected", p.Detected);
        incident.AcknowledgedAt = OptionalTime(e, "phases.acknowledged", p.Acknowledged);
        incident.MitigatedAt = OptionalTime(e, "phases.mitigated", p.Mitigated);
        incident.ResolvedAt = OptionalTime(e, "phases.resolved", p.Resolved);
        if (incident.TriggeredAt is null && incident.StartedAt is null) e.Add("phases", "needs at least 'triggered' or 'started'");
        var order = new PhaseTimes(incident.TriggeredAt, incident.StartedAt, incident.DetectedAt,
            incident.AcknowledgedAt, incident.MitigatedAt, incident.ResolvedAt).OrderError();
        if (order is not null) e.Add("phases", order);
    }

    private static HashSet<string> Sources(SeedErrors e, List<SourceDocument?>? sources, Incident incident, DocumentRules rules)
    {
        var refs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (s, i) in (sources ?? []).Select((s, i) => (s, i)))
        {
            var path = $"sources[{i}]";
            if (s is null) { e.Add(path, "is null"); continue; }
            var reference = e.Text($"{path}.ref", s.Ref, 32, required: rules.GradedSources);
            var title = e.Text($"{path}.title", s.Title, Limits.SourceTitleLength, required: true);
            // Some sources are only known by name (a quoted document with no public address); they
            // are still listed, with their grade, so a reader knows where a row comes from.
            var url = e.Text($"{path}.url", s.Url, Limits.UrlLength, required: false);
            var grade = SeedEnum.Parse<SourceGrade>(e, $"{path}.grade", s.Grade, required: rules.GradedSources);
            if (url is not null && !WebLinks.IsSafeHttpUrl(url)) e.Add($"{path}.url", $"'{url}' is not an absolute http or https URL");
            if (reference is not null && !refs.Add(reference)) e.Add($"{path}.ref", $"'{reference}' appears twice");
            incident.Sources.Add(new IncidentSource { Ref = reference, Title = title ?? "", Url = url, Grade = grade, SortOrder = i });
        }
        return refs;
    }

    private static Dictionary<string, TimelineEvent> Events(SeedErrors e, List<EventDocument?>? events, Incident incident,
        IReadOnlyDictionary<string, int> serviceIds, HashSet<string> sourceRefs, DocumentRules rules)
    {
        var refs = new Dictionary<string, TimelineEvent>(StringComparer.Ordinal);
        var seen = new Dictionary<(DateTime, string), int>();
        foreach (var (ev, i) in (events ?? []).Select((ev, i) => (ev, i)))
        {
            var path = $"timeline[{i}]";
            if (ev is null) { e.Add(path, "is null"); continue; }
            var at = RequiredTime(e, $"{path}.at", ev.At);
            var endsAt = OptionalTime(e, $"{path}.endsAt", ev.EndsAt);
            var kind = SeedEnum.Parse<EventKind>(e, $"{path}.kind", ev.Kind);
            var text = e.Text($"{path}.text", ev.Text, Limits.EventTextLength, required: true);
            var serviceId = OptionalService(e, $"{path}.service", ev.Service, serviceIds);
            var source = e.Text($"{path}.source", ev.Source, Limits.SourceTitleLength, required: false);
            if (source is not null && rules.EventSourcesAreRefs && !sourceRefs.Contains(source))
                e.Add($"{path}.source", $"'{source}' is not a ref in sources");
            if (at is { } a && endsAt is { } end && end < a)
                e.Add($"{path}.endsAt", $"{UtcTime.Format(end)} is before its start {UtcTime.Format(a)}");
            if (rules.RejectDuplicateEvents && at is { } t && text is not null && !seen.TryAdd((t, text.ToLowerInvariant()), i))
                e.Add(path, $"duplicate of timeline[{seen[(t, text.ToLowerInvariant())]}] (same time {UtcTime.Format(t)} and text)");
            var added = new TimelineEvent
            {
                OccurredAt = at ?? default, EndsAt = endsAt, Kind = kind ?? default, Text = text ?? "",
                ServiceId = serviceId, IsKey = ev.Key ?? false, SourceReference = source,
                Source = SeedEnum.Parse<EventSource>(e, $"{path}.origin", ev.Origin, required: false) ?? EventSource.Seed,
                Author = e.Text($"{path}.author", ev.Author, Limits.PersonLength, required: false),
                Moment = SeedEnum.Parse<EventMoment>(e, $"{path}.moment", ev.Moment, required: false),
            };
            Ref(e, $"{path}.ref", ev.Ref, added, refs);
            incident.Events.Add(added);
        }
        return refs;
    }

    /// <summary>Records a ref that factors cite; a ref used twice in the file is refused.</summary>
    private static void Ref<T>(SeedErrors e, string path, string? reference, T item, Dictionary<string, T> refs)
    {
        if (e.Text(path, reference, 64, required: false) is not { } name) return;
        if (!refs.TryAdd(name, item)) e.Add(path, $"'{name}' appears twice");
    }

    /// <summary>Factors, with their evidence and actions looked up by ref among this file's events and actions.</summary>
    private static void FactorList(SeedErrors e, List<FactorDocument?>? factors, Incident incident,
        Dictionary<string, TimelineEvent> eventRefs, Dictionary<string, RemediationAction> actionRefs, DateTime now)
    {
        foreach (var (f, i) in (factors ?? []).Select((f, i) => (f, i)))
        {
            var path = $"factors[{i}]";
            if (f is null) { e.Add(path, "is null"); continue; }
            var factor = new Factors.Factor
            {
                Statement = e.Text($"{path}.statement", f.Statement, Factors.FactorRules.StatementLength, required: true) ?? "",
                Category = e.Text($"{path}.category", f.Category, Factors.FactorRules.CategoryLength, required: true)?.ToLowerInvariant() ?? "",
                SortOrder = i, CreatedAt = now, UpdatedAt = now, Version = Guid.NewGuid(),
            };
            factor.Evidence = Cited(e, $"{path}.evidence", f.Evidence, eventRefs, "timeline event");
            factor.Actions = Cited(e, $"{path}.actions", f.Actions, actionRefs, "action");
            incident.Factors.Add(factor);
        }
    }

    /// <summary>Questions for the review, each about the incident or about an event of this file (by ref); an answer needs its time.</summary>
    private static void QuestionList(SeedErrors e, List<QuestionDocument?>? questions, Incident incident, Dictionary<string, TimelineEvent> eventRefs, DateTime now)
    {
        foreach (var (q, i) in (questions ?? []).Select((q, i) => (q, i)))
        {
            var path = $"questions[{i}]";
            if (q is null) { e.Add(path, "is null"); continue; }
            var question = new Questions.ReviewQuestion
            {
                Text = e.Text($"{path}.text", q.Text, Questions.QuestionRules.TextLength, required: true) ?? "",
                AskedBy = e.Text($"{path}.askedBy", q.AskedBy, Limits.PersonLength, required: false) ?? "import",
                CreatedAt = OptionalTime(e, $"{path}.askedAt", q.AskedAt) ?? now,
                Answer = e.Text($"{path}.answer", q.Answer, Questions.QuestionRules.AnswerLength, required: false),
                AnsweredBy = e.Text($"{path}.answeredBy", q.AnsweredBy, Limits.PersonLength, required: false),
                AnsweredAt = OptionalTime(e, $"{path}.answeredAt", q.AnsweredAt),
                Version = Guid.NewGuid(),
            };
            question.UpdatedAt = question.AnsweredAt ?? question.CreatedAt;
            if ((question.Answer is null) != (question.AnsweredAt is null)) e.Add($"{path}.answer", "an answer and answeredAt go together");
            if (q.Event is { } name && !string.IsNullOrWhiteSpace(name))
            {
                if (eventRefs.TryGetValue(name.Trim(), out var ev)) question.TimelineEvent = ev;
                else e.Add($"{path}.event", $"'{name}' is not the ref of a timeline event in this file");
            }
            incident.Questions.Add(question);
        }
    }

    private static List<T> Cited<T>(SeedErrors e, string path, List<string?>? names, Dictionary<string, T> refs, string what)
    {
        e.Count(path, names, Factors.FactorRules.LinksPerFactor);
        var cited = new List<T>();
        if (names is null || names.Count > Factors.FactorRules.LinksPerFactor) return cited;
        foreach (var (name, n) in names.Select((name, n) => (name, n)))
        {
            if (string.IsNullOrWhiteSpace(name)) { e.Add($"{path}[{n}]", "is empty"); continue; }
            if (!refs.TryGetValue(name.Trim(), out var item)) e.Add($"{path}[{n}]", $"'{name}' is not the ref of a {what} in this file");
            else if (!cited.Contains(item)) cited.Add(item);
        }
        return cited;
    }

    private static void Impacts(SeedErrors e, List<ImpactDocument?>? impacts, Incident incident, IReadOnlyDictionary<string, int> serviceIds)
    {
        foreach (var (x, i) in (impacts ?? []).Select((x, i) => (x, i)))
        {
            var path = $"impacts[{i}]";
            if (x is null) { e.Add(path, "is null"); continue; }
            var serviceId = OptionalService(e, $"{path}.service", x.Service, serviceIds);
            if (string.IsNullOrWhiteSpace(x.Service)) e.Add($"{path}.service", "is required");
            var level = SeedEnum.Parse<ImpactLevel>(e, $"{path}.level", x.Level);
            var start = RequiredTime(e, $"{path}.start", x.Start);
            var end = OptionalTime(e, $"{path}.end", x.End);
            if (start is { } s && end is { } en && en < s)
                e.Add($"{path}.end", $"{UtcTime.Format(en)} is before the window's start {UtcTime.Format(s)}");
            incident.Impacts.Add(new ServiceImpact
            {
                ServiceId = serviceId ?? 0, Level = level ?? default, StartedAt = start ?? default, EndedAt = end,
                Description = e.Text($"{path}.description", x.Description, Limits.EventTextLength, required: false),
            });
        }
    }

    private static void History(SeedErrors e, List<TransitionDocument?>? moves, Incident incident)
    {
        foreach (var (m, i) in (moves ?? []).Select((m, i) => (m, i)))
        {
            var path = $"postmortemHistory[{i}]";
            if (m is null) { e.Add(path, "is null"); continue; }
            incident.PostmortemHistory.Add(new PostmortemTransition
            {
                From = SeedEnum.Parse<PostmortemStatus>(e, $"{path}.from", m.From) ?? default,
                To = SeedEnum.Parse<PostmortemStatus>(e, $"{path}.to", m.To) ?? default,
                By = e.Text($"{path}.by", m.By, Limits.PersonLength, required: true) ?? "",
                Note = e.Text($"{path}.note", m.Note, Limits.TransitionNoteLength, required: false),
                At = RequiredTime(e, $"{path}.at", m.At) ?? default,
            });
        }
    }

    private static Dictionary<string, RemediationAction> Actions(SeedErrors e, List<ActionDocument?>? actions, Incident incident, DateTime committedAt)
    {
        var refs = new Dictionary<string, RemediationAction>(StringComparer.Ordinal);
        foreach (var (a, i) in (actions ?? []).Select((a, i) => (a, i)))
        {
            var path = $"actions[{i}]";
            if (a is null) { e.Add(path, "is null"); continue; }
            var status = SeedEnum.Parse<ActionStatus>(e, $"{path}.status", a.Status);
            var reason = e.Text($"{path}.wontDoReason", a.WontDoReason, Limits.EventTextLength, required: status == ActionStatus.WontDo);
            var completedAt = OptionalTime(e, $"{path}.completedAt", a.CompletedAt);
            var history = StatusHistory(e, path, a.StatusHistory);
            var stated = OptionalTime(e, $"{path}.createdAt", a.CreatedAt);
            var createdAt = stated ?? Earliest(Earliest(committedAt, completedAt), history.FirstOrDefault()?.At);
            if (history.Count > 0)
                completedAt = CheckHistory(e, path, history, status, completedAt, createdAt);
            else if (status is { } s)
                history = ImpliedHistory(s, createdAt, completedAt);
            if (status == ActionStatus.Done && completedAt is null) e.Add($"{path}.completedAt", "is required when the status is done");
            var link = e.Text($"{path}.link", a.Link, Limits.UrlLength, required: false);
            if (link is not null && !WebLinks.IsSafeHttpUrl(link)) e.Add($"{path}.link", $"'{link}' is not an absolute http or https URL");
            DateOnly? due = null;
            if (!string.IsNullOrWhiteSpace(a.DueDate))
            {
                if (DateOnly.TryParseExact(a.DueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) due = d;
                else e.Add($"{path}.dueDate", $"'{a.DueDate}' is not a date (YYYY-MM-DD)");
            }
            var added = new RemediationAction
            {
                Title = e.Text($"{path}.title", a.Title, Limits.TitleLength, required: true) ?? "",
                Description = e.Text($"{path}.description", a.Description, Limits.EventTextLength, required: false),
                Owner = e.Text($"{path}.owner", a.Owner, Limits.PersonLength, required: false),
                Team = e.Text($"{path}.team", a.Team, Limits.PersonLength, required: false),
                Priority = SeedEnum.Parse<ActionPriority>(e, $"{path}.priority", a.Priority) ?? default,
                Kind = SeedEnum.Parse<ActionKind>(e, $"{path}.kind", a.Kind) ?? default,
                Status = status ?? default,
                WontDoReason = reason,
                DueDate = due,
                CompletedAt = status == ActionStatus.Done ? completedAt : null,
                ExternalUrl = link,
                CreatedAt = createdAt, UpdatedAt = history.LastOrDefault()?.At ?? createdAt, Version = Guid.NewGuid(),
                StatusHistory = history,
            };
            Ref(e, $"{path}.ref", a.Ref, added, refs);
            incident.Actions.Add(added);
        }
        return refs;
    }

    private static List<ActionStatusChange> StatusHistory(SeedErrors e, string path, List<StatusChangeDocument?>? changes)
    {
        e.Count($"{path}.statusHistory", changes, Limits.StatusChangesPerAction);
        if (changes is null || changes.Count > Limits.StatusChangesPerAction) return [];
        var history = new List<ActionStatusChange>();
        foreach (var (c, n) in changes.Select((c, n) => (c, n)))
        {
            var at = $"{path}.statusHistory[{n}]";
            if (c is null) { e.Add(at, "is null"); continue; }
            history.Add(new ActionStatusChange
            {
                Status = SeedEnum.Parse<ActionStatus>(e, $"{at}.status", c.Status) ?? default,
                At = RequiredTime(e, $"{at}.at", c.At) ?? default,
                By = e.Text($"{at}.by", c.By, Limits.PersonLength, required: false),
            });
        }
        return history;
    }

    /// <summary>
    /// A stated history must tell the same story as the action: oldest first, not before the action
    /// was agreed, each entry a change, ending in the action's status, and a done action's completion
    /// time is its last move to done (taken from the history when the file leaves it out).
    /// </summary>
    private static DateTime? CheckHistory(SeedErrors e, string path, List<ActionStatusChange> history, ActionStatus? status, DateTime? completedAt, DateTime createdAt)
    {
        if (history[0].At < createdAt)
            e.Add($"{path}.statusHistory[0].at", $"{UtcTime.Format(history[0].At)} is before the action was agreed ({UtcTime.Format(createdAt)})");
        for (var n = 1; n < history.Count; n++)
        {
            if (history[n].At < history[n - 1].At)
                e.Add($"{path}.statusHistory[{n}].at", $"{UtcTime.Format(history[n].At)} is before the entry above it ({UtcTime.Format(history[n - 1].At)})");
            if (history[n].Status == history[n - 1].Status)
                e.Add($"{path}.statusHistory[{n}].status", "repeats the status above it; list only changes");
        }
        var last = history[^1];
        if (status is { } s && last.Status != s)
            e.Add($"{path}.statusHistory", $"ends in '{SeedEnum.Kebab(last.Status.ToString())}' but the action's status is '{SeedEnum.Kebab(s.ToString())}'");
        if (status != ActionStatus.Done) return completedAt;
        if (completedAt is { } c && last.Status == ActionStatus.Done && c != last.At)
            e.Add($"{path}.completedAt", $"{UtcTime.Format(c)} differs from the history's move to done ({UtcTime.Format(last.At)})");
        return completedAt ?? last.At;
    }

    /// <summary>
    /// Without a stated history, the action's own dates imply one (as the migration backfilled it):
    /// in its present status since it was agreed, or open until its completion when done. A won't-do
    /// without a stated history counts as decided when it was agreed.
    /// </summary>
    private static List<ActionStatusChange> ImpliedHistory(ActionStatus status, DateTime createdAt, DateTime? completedAt) =>
        status == ActionStatus.Done && completedAt is { } done
            ? [new() { Status = ActionStatus.Open, At = createdAt }, new() { Status = ActionStatus.Done, At = done }]
            : [new() { Status = status, At = createdAt }];

    private static DateTime Earliest(DateTime a, DateTime? b) => b is { } x && x < a ? x : a;

    private static int? OptionalService(SeedErrors e, string path, string? key, IReadOnlyDictionary<string, int> serviceIds)
    {
        if (string.IsNullOrWhiteSpace(key)) return null;
        if (serviceIds.TryGetValue(key.Trim(), out var id)) return id;
        e.Add(path, $"unknown service '{key}' (not in the service catalog)");
        return null;
    }

    private static DateTime? RequiredTime(SeedErrors e, string path, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) { e.Add(path, "is required"); return null; }
        return OptionalTime(e, path, text);
    }

    private static DateTime? OptionalTime(SeedErrors e, string path, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (UtcTime.TryParseIso(text, out var utc)) return utc;
        e.Add(path, $"'{text}' is not an ISO 8601 time with an offset (e.g. 2025-11-18T11:05:00Z)");
        return null;
    }
}
