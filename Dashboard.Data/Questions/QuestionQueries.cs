using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Questions;

/// <summary>A question as the postmortem page, the API and the export show it; the event fields are null for a question about the whole incident.</summary>
public sealed record QuestionView(int Id, string Text, string AskedBy, DateTime CreatedAt, int? EventId, DateTime? EventAt, string? EventText,
    string? Answer, string? AnsweredBy, DateTime? AnsweredAt, Guid Version)
{
    public bool IsAnswered => AnsweredAt is not null;
}

public sealed record QuestionEventChoice(int Id, DateTime OccurredAt, string Text)
{
    /// <summary>The event as a picker names it: its time and the start of its text.</summary>
    public string Label => $"{UtcTime.Format(OccurredAt)} {(Text.Length <= 60 ? Text : Text[..59] + "…")}";
}

public sealed class QuestionQueries(IDbContextFactory<IncidentBoardDbContext> dbFactory)
{
    /// <summary>The incident's questions, open ones first, each group in the order asked; empty for an incident the viewer may not see.</summary>
    public async Task<IReadOnlyList<QuestionView>> ListAsync(Actor viewer, int incidentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Project(db.ReviewQuestions.AsNoTracking().Where(q => q.IncidentId == incidentId)
            .InVisibleIncidents(db.Incidents, viewer, q => q.IncidentId)).ToListAsync(ct);
    }

    /// <summary>How many questions each event of the incident has (events without any are left out), for the timeline's marks.</summary>
    public async Task<IReadOnlyDictionary<int, int>> CountsByEventAsync(Actor viewer, int incidentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await db.ReviewQuestions.AsNoTracking().Where(q => q.IncidentId == incidentId && q.TimelineEventId != null)
            .InVisibleIncidents(db.Incidents, viewer, q => q.IncidentId)
            .GroupBy(q => q.TimelineEventId!.Value).Select(g => new { EventId = g.Key, Count = g.Count() }).ToListAsync(ct);
        return counts.ToDictionary(c => c.EventId, c => c.Count);
    }

    /// <summary>The incident's events a question can be about, in time order; empty for an incident the viewer may not see.</summary>
    public async Task<IReadOnlyList<QuestionEventChoice>> EventChoicesAsync(Actor viewer, int incidentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.TimelineEvents.AsNoTracking().Where(e => e.IncidentId == incidentId)
            .InVisibleIncidents(db.Incidents, viewer, e => e.IncidentId)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).Select(e => new QuestionEventChoice(e.Id, e.OccurredAt, e.Text)).ToListAsync(ct);
    }

    /// <summary>The projection every reader shares (the page, the API, the export); the caller applies the read rule.</summary>
    public static IQueryable<QuestionView> Project(IQueryable<ReviewQuestion> questions) =>
        questions.OrderBy(q => q.AnsweredAt != null).ThenBy(q => q.CreatedAt).ThenBy(q => q.Id)
            .Select(q => new QuestionView(q.Id, q.Text, q.AskedBy, q.CreatedAt, q.TimelineEventId,
                q.TimelineEvent == null ? null : q.TimelineEvent.OccurredAt, q.TimelineEvent == null ? null : q.TimelineEvent.Text,
                q.Answer, q.AnsweredBy, q.AnsweredAt, q.Version));
}
