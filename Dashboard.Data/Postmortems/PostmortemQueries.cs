using Dashboard.Data.Incidents;
using Dashboard.Data.Timeline;
using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Budgets;
using Dashboard.Data.Factors;
using Dashboard.Data.Learning;

namespace Dashboard.Data.Postmortems;

public sealed record TransitionItem(PostmortemStatus From, PostmortemStatus To, string By, string? Note, DateTime At);

/// <summary>The postmortem of one incident as stored: its text, where it is in review, and the token a save must quote.</summary>
public sealed record PostmortemDocument(int IncidentId, string Slug, string Title, Severity Severity, string Organisation,
    string? Markdown, PostmortemStatus Status, Guid Version, DateTime? SavedAt, string? SavedBy, IReadOnlyList<TransitionItem> History)
{
    public bool IsLocked => PostmortemWorkflow.IsLocked(Status);
}

/// <summary>The postmortem's "What surprised us" as its editor reads it.</summary>
public sealed record SurprisesField(string? Text, Guid Version, PostmortemStatus Status)
{
    public bool IsLocked => PostmortemWorkflow.IsLocked(Status);
}

public sealed class PostmortemQueries(IDbContextFactory<IncidentBoardDbContext> dbFactory, TimelineQueries timeline, Learning.LearningQueries learning, Budgets.BudgetQueries budgets)
{
    public async Task<PostmortemDocument?> GetAsync(Actor viewer, string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Select(db.Incidents.AsNoTracking().VisibleTo(viewer).Where(i => i.Slug == slug)).SingleOrDefaultAsync(ct);
    }

    public async Task<PostmortemDocument?> GetAsync(Actor viewer, int incidentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Select(db.Incidents.AsNoTracking().VisibleTo(viewer).Where(i => i.Id == incidentId)).SingleOrDefaultAsync(ct);
    }

    /// <summary>"What surprised us" with the incident's version a save must quote; null for an incident the viewer may not see.</summary>
    public async Task<SurprisesField?> SurprisesAsync(Actor viewer, int incidentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Incidents.AsNoTracking().VisibleTo(viewer).Where(i => i.Id == incidentId)
            .Select(i => new SurprisesField(i.WhatSurprisedUs, i.Version, i.PostmortemStatus)).SingleOrDefaultAsync(ct);
    }

    /// <summary>The incident's record as it is now, for the generated sections and the checks.</summary>
    public async Task<PostmortemRecord?> GetRecordAsync(Actor viewer, int incidentId, CancellationToken ct = default)
    {
        // The timeline query applies the read rule: no record of an incident the viewer may not see.
        var data = await timeline.GetAsync(viewer, incidentId, ct);
        if (data is null) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actions = await db.RemediationActions.AsNoTracking().Where(a => a.IncidentId == incidentId)
            .OrderBy(a => a.Priority).ThenBy(a => a.DueDate == null).ThenBy(a => a.DueDate).ThenBy(a => a.Id)
            .Select(a => new ActionLine(a.Id, a.Title, a.Owner, a.Team, a.DueDate, a.Status, a.Priority))
            .ToListAsync(ct);
        return new PostmortemRecord(incidentId, data, actions) 
        {
            Related = await learning.RelatedAsync(viewer, incidentId, ct),
            Budget = await budgets.ForIncidentAsync(viewer, incidentId, ct),
            Factors = await Factors.FactorQueries.Project(db.Factors.AsNoTracking().Where(f => f.IncidentId == incidentId)).ToListAsync(ct),
            Changes = await Changes.ChangeQueries.MarkedAsync(db, incidentId, ct),
            Questions = await Questions.QuestionQueries.Project(db.ReviewQuestions.AsNoTracking().Where(q => q.IncidentId == incidentId)).ToListAsync(ct),
            WhatSurprisedUs = await db.Incidents.Where(i => i.Id == incidentId).Select(i => i.WhatSurprisedUs).SingleAsync(ct),
        };
    }

    private static IQueryable<PostmortemDocument> Select(IQueryable<Incident> incidents) =>
        incidents.Select(i => new PostmortemDocument(i.Id, i.Slug, i.Title, i.Severity, i.Organisation,
            i.PostmortemMarkdown, i.PostmortemStatus, i.PostmortemVersion, i.PostmortemSavedAt, i.PostmortemSavedBy,
            i.PostmortemHistory.OrderBy(t => t.At).ThenBy(t => t.Id).Select(t => new TransitionItem(t.From, t.To, t.By, t.Note, t.At)).ToList()));
}
