using Microsoft.Extensions.Options;
using Dashboard.Data.Budgets;
using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Deadlines;

/// <summary>
/// Bound from <c>PostmortemPolicy</c>: how many days after resolution a postmortem is due, per
/// severity; empty means none is required. An incident whose postmortem the error-budget rule
/// requires (<see cref="BudgetOptions.PostmortemRequiredShare"/>) counts as Sev1.
/// </summary>
public sealed class PostmortemPolicyOptions
{
    public const string Section = "PostmortemPolicy";

    public int? Sev1DueDays { get; set; } = 5;
    public int? Sev2DueDays { get; set; } = 10;
    public int? Sev3DueDays { get; set; }
    public int? Sev4DueDays { get; set; }

    public int? DaysFor(Severity severity) => severity switch
    {
        Severity.Sev1 => Sev1DueDays,
        Severity.Sev2 => Sev2DueDays,
        Severity.Sev3 => Sev3DueDays,
        _ => Sev4DueDays,
    };
}

/// <summary>A postmortem with a deadline that is not published yet.</summary>
public sealed record PostmortemDue(int IncidentId, string Slug, string Title, Severity Severity, bool RequiredByBudget, DateTime ResolvedAt,
    DateOnly DueDate, bool IsOverdue, PostmortemStatus Status);

/// <summary>The postmortem deadlines: the rule, and the pending postmortems a viewer may see with theirs.</summary>
public sealed class PostmortemDeadlines(IDbContextFactory<IncidentBoardDbContext> dbFactory, BudgetQueries budgets,
    IOptionsMonitor<PostmortemPolicyOptions> options, TimeProvider clock)
{
    /// <summary>How many unpublished postmortems, most recently resolved first, one look considers.</summary>
    public const int Candidates = 1000;

    /// <summary>The due date (UTC day) of a resolved incident's postmortem, or null when its severity needs none.</summary>
    public static DateOnly? DueDate(Severity severity, bool requiredByBudget, DateTime? resolvedAt, PostmortemPolicyOptions policy) =>
        resolvedAt is { } resolved && policy.DaysFor(requiredByBudget ? Severity.Sev1 : severity) is { } days
            ? DateOnly.FromDateTime(resolved).AddDays(days)
            : null;

    /// <summary>
    /// Unpublished postmortems with a deadline, soonest first: all the viewer sees, or those of the
    /// incidents <paramref name="participantUserId"/> takes part in; overdue ones only when asked.
    /// </summary>
    public async Task<IReadOnlyList<PostmortemDue>> PendingAsync(Actor viewer, string? participantUserId = null, bool overdueOnly = false,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var incidents = db.Incidents.AsNoTracking().VisibleTo(viewer).Where(i => i.ResolvedAt != null && i.PostmortemStatus != PostmortemStatus.Published);
        if (participantUserId is not null) incidents = incidents.Where(i => i.Participants.Any(p => p.UserId == participantUserId));
        var rows = await incidents.OrderByDescending(i => i.ResolvedAt).Take(Candidates)
            .Select(i => new { i.Id, i.Slug, i.Title, i.Severity, i.ResolvedAt, i.PostmortemStatus }).ToListAsync(ct);
        var required = await budgets.RequiringPostmortemAsync([.. rows.Select(r => r.Id)], ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var policy = options.CurrentValue;
        return [.. rows
            .Select(r => (r, due: DueDate(r.Severity, required.Contains(r.Id), r.ResolvedAt, policy)))
            .Where(x => x.due is not null && (!overdueOnly || x.due < today))
            .Select(x => new PostmortemDue(x.r.Id, x.r.Slug, x.r.Title, x.r.Severity, required.Contains(x.r.Id), x.r.ResolvedAt!.Value, x.due!.Value,
                x.due < today, x.r.PostmortemStatus))
            .OrderBy(p => p.DueDate).ThenBy(p => p.Slug, StringComparer.Ordinal)];
    }
}
