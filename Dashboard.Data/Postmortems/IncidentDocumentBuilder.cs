using System.Globalization;
using Dashboard.Data.Seeding;
using Dashboard.Data.Actions;
using Dashboard.Data.Catalog;
using Dashboard.Data.Incidents;
using Dashboard.Data.Graph;
using Dashboard.Data.Learning;

namespace Dashboard.Data.Postmortems;

/// <summary>
/// Writes an incident back into the seed-file shape (the same fields, validated by the same rules on
/// the way in), so an exported postmortem's front matter can recreate the incident exactly.
/// </summary>
internal static class IncidentDocumentBuilder
{
    public static IncidentDocument Build(Incident i, IReadOnlyDictionary<int, Service> services)
    {
        // Only the events and actions a factor cites get a ref, named after their id (unique in the file).
        var citedEvents = i.Factors.SelectMany(f => f.Evidence).Select(e => e.Id)
            .Concat(i.Questions.Where(q => q.TimelineEventId is not null).Select(q => q.TimelineEventId!.Value)).ToHashSet();
        var citedActions = i.Factors.SelectMany(f => f.Actions).Select(a => a.Id).ToHashSet();
        var document = Build(i, services, citedEvents, citedActions);
        document.Factors = [.. i.Factors.OrderBy(f => f.SortOrder).ThenBy(f => f.Id).Select(f => (FactorDocument?)new FactorDocument
        {
            Statement = f.Statement, Category = f.Category,
            Evidence = [.. f.Evidence.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).Select(e => (string?)EventRef(e.Id))],
            Actions = [.. f.Actions.OrderBy(a => a.Id).Select(a => (string?)ActionRef(a.Id))],
        })];
        document.Questions = [.. i.Questions.OrderBy(q => q.CreatedAt).ThenBy(q => q.Id).Select(q => (QuestionDocument?)new QuestionDocument
        {
            Text = q.Text, Event = q.TimelineEventId is { } id ? EventRef(id) : null, AskedBy = q.AskedBy, AskedAt = Time(q.CreatedAt),
            Answer = q.Answer, AnsweredBy = q.AnsweredBy, AnsweredAt = Time(q.AnsweredAt),
        })];
        return document;
    }

    private static string EventRef(int id) => $"event-{id}";

    private static string ActionRef(int id) => $"action-{id}";

    private static IncidentDocument Build(Incident i, IReadOnlyDictionary<int, Service> services, HashSet<int> citedEvents, HashSet<int> citedActions) => new()
    {
        FormatVersion = 1,
        Slug = i.Slug,
        Title = i.Title,
        Organisation = i.Organisation,
        Severity = Word(i.Severity),
        Status = Word(i.Status),
        Commander = i.Commander,
        Tags = i.Tags is null ? null : [.. i.Tags.Split(',')],
        SourceTimeZone = i.SourceTimeZone,
        Phases = new PhasesDocument
        {
            Triggered = Time(i.TriggeredAt), Started = Time(i.StartedAt), Detected = Time(i.DetectedAt),
            Acknowledged = Time(i.AcknowledgedAt), Mitigated = Time(i.MitigatedAt), Resolved = Time(i.ResolvedAt),
        },
        Summary = i.Summary,
        Trigger = i.Trigger,
        RootCause = i.RootCause,
        CustomerImpact = i.CustomerImpact,
        WhatSurprisedUs = i.WhatSurprisedUs,
        NearMiss = i.IsNearMiss ? true : null,
        PostmortemStatus = Word(i.PostmortemStatus),
        PostmortemSavedAt = Time(i.PostmortemSavedAt),
        PostmortemSavedBy = i.PostmortemSavedBy,
        PostmortemHistory = [.. i.PostmortemHistory.OrderBy(t => t.At).ThenBy(t => t.Id).Select(t => (TransitionDocument?)new TransitionDocument
        {
            From = Word(t.From), To = Word(t.To), By = t.By, Note = t.Note, At = Time(t.At),
        })],
        // So the file can be imported where the catalog lacks these services; where it has them, the catalog wins.
        Services = [.. services.Values.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => (ServiceDocument?)new ServiceDocument
        {
            Key = s.Key, Name = s.Name, Group = s.Group, Description = s.Description, OwnerTeam = s.OwnerTeam, Tier = s.Tier,
            SloTarget = s.SloTarget, SloWindow = s.SloTarget is null ? null : Word(s.SloWindow),
            WeightMajorOutage = s.SloTarget is null ? null : s.WeightMajorOutage,
            WeightPartialOutage = s.SloTarget is null ? null : s.WeightPartialOutage,
            WeightDegraded = s.SloTarget is null ? null : s.WeightDegraded,
        })],
        Sources = [.. i.Sources.OrderBy(s => s.SortOrder).Select(s => (SourceDocument?)new SourceDocument
        {
            Ref = s.Ref, Title = s.Title, Url = s.Url, Grade = s.Grade is { } g ? Word(g) : null,
        })],
        Timeline = [.. i.Events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).Select(e => (EventDocument?)new EventDocument
        {
            At = Time(e.OccurredAt), EndsAt = Time(e.EndsAt), Kind = Word(e.Kind), Text = e.Text,
            Service = e.ServiceId is { } id ? services[id].Key : null, Key = e.IsKey ? true : null,
            Source = e.SourceReference, Author = e.Author, Origin = Word(e.Source),
            Moment = e.Moment is { } m ? Word(m) : null, Ref = citedEvents.Contains(e.Id) ? EventRef(e.Id) : null,
        })],
        Impacts = [.. i.Impacts.OrderBy(x => x.StartedAt).ThenBy(x => x.Id).Select(x => (ImpactDocument?)new ImpactDocument
        {
            Service = services[x.ServiceId].Key, Level = Word(x.Level), Start = Time(x.StartedAt), End = Time(x.EndedAt), Description = x.Description,
        })],
        Actions = [.. i.Actions.OrderBy(a => a.Id).Select(a => (ActionDocument?)new ActionDocument
        {
            Title = a.Title, Description = a.Description, Owner = a.Owner, Team = a.Team,
            Priority = Word(a.Priority), Kind = Word(a.Kind), Status = Word(a.Status), WontDoReason = a.WontDoReason,
            DueDate = a.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), CompletedAt = Time(a.CompletedAt),
            Link = a.ExternalUrl, CreatedAt = Time(a.CreatedAt), StatusHistory = History(a),
            Ref = citedActions.Contains(a.Id) ? ActionRef(a.Id) : null,
        })],
    };

    /// <summary>
    /// The action's status history. Rows from before the history was kept may lack the latest move
    /// (a won't-do had no date); it is then dated at the action's last update, the latest it can have happened.
    /// </summary>
    private static List<StatusChangeDocument?> History(RemediationAction a)
    {
        var history = a.StatusHistory.OrderBy(c => c.At).ThenBy(c => c.Id)
            .Select(c => (Status: c.Status, At: c.At, By: c.By)).ToList();
        if (history.Count == 0 || history[^1].Status != a.Status) history.Add((a.Status, a.UpdatedAt < a.CreatedAt ? a.CreatedAt : a.UpdatedAt, null));
        return [.. history.Select(c => (StatusChangeDocument?)new StatusChangeDocument { Status = Word(c.Status), At = Time(c.At), By = c.By })];
    }

    private static string Word<T>(T value) where T : struct, Enum => SeedEnum.Kebab(value.ToString());

    /// <summary>ISO 8601 in UTC with as many fractional digits as the value has, so nothing is rounded away.</summary>
    private static string? Time(DateTime? utc) => utc?.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
