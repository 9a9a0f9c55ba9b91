using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Postmortems;

public enum SaveOutcome { Saved, Stale, Locked, Invalid, NotFound }

/// <summary>The result of a save. On <see cref="SaveOutcome.Stale"/>, <see cref="Current"/> holds the other person's version so both can be compared.</summary>
public sealed record SaveResult(SaveOutcome Outcome, string? Message = null, PostmortemDocument? Current = null)
{
    public bool Succeeded => Outcome == SaveOutcome.Saved;
}

public sealed record TransitionResult(string? Error, PostmortemDocument? Current = null)
{
    public bool Succeeded => Error is null;
}

public sealed class PostmortemCommands(IDbContextFactory<IncidentBoardDbContext> dbFactory, PostmortemQueries queries, TimeProvider clock)
{
    /// <summary>
    /// Saves the text if nobody saved since <paramref name="expectedVersion"/> was read and the
    /// document is not published. The check and the write are one UPDATE, so two saves racing each
    /// other cannot both win.
    /// </summary>
    public async Task<SaveResult> SaveAsync(int incidentId, Guid expectedVersion, string? markdown, string? by, CancellationToken ct = default)
    {
        var text = string.IsNullOrWhiteSpace(markdown) ? null : markdown.Replace("\r\n", "\n");
        if (text is not null && text.Length > Limits.PostmortemLength)
            return new(SaveOutcome.Invalid, $"The postmortem is {text.Length:N0} characters long; the limit is {Limits.PostmortemLength:N0}.");
        var author = string.IsNullOrWhiteSpace(by) ? null : by.Trim();
        if (author?.Length > Limits.PersonLength) return new(SaveOutcome.Invalid, $"The name is longer than {Limits.PersonLength} characters.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var version = Guid.NewGuid();
        var written = await db.Incidents
            .Where(i => i.Id == incidentId && i.PostmortemVersion == expectedVersion && i.PostmortemStatus != PostmortemStatus.Published)
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.PostmortemMarkdown, text)
                .SetProperty(i => i.PostmortemVersion, version)
                .SetProperty(i => i.PostmortemSavedAt, now)
                .SetProperty(i => i.PostmortemSavedBy, author), ct);
        var current = await queries.GetAsync(incidentId, ct);
        if (written == 1) return new(SaveOutcome.Saved, null, current);
        if (current is null) return new(SaveOutcome.NotFound, "This incident no longer exists; someone deleted it.");
        if (current.IsLocked) return new(SaveOutcome.Locked, "The postmortem is published and locked; reopen it to edit.", current);
        return new(SaveOutcome.Stale,
            $"{current.SavedBy ?? "Someone"} saved this postmortem{(current.SavedAt is { } at ? $" at {Domain.UtcTime.Format(at)} UTC" : "")} after you opened it. Compare both versions before saving again.",
            current);
    }

    /// <summary>Moves the postmortem through review and records who did it, in one transaction; refused when the status changed meanwhile.</summary>
    public async Task<TransitionResult> TransitionAsync(int incidentId, PostmortemStatus from, PostmortemStatus to, string? by, string? note, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var state = await db.Incidents.Where(i => i.Id == incidentId)
            .Select(i => new { i.PostmortemStatus, HasText = i.PostmortemMarkdown != null }).SingleOrDefaultAsync(ct);
        if (state is null) return new("This incident no longer exists; someone deleted it.");
        if (state.PostmortemStatus != from)
            return new($"Someone else moved the postmortem to {Domain.Names.Of(state.PostmortemStatus)} meanwhile.", await queries.GetAsync(incidentId, ct));
        if (PostmortemWorkflow.Check(from, to, by, note, state.HasText) is { } problem) return new(problem);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var moved = await db.Incidents.Where(i => i.Id == incidentId && i.PostmortemStatus == from)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.PostmortemStatus, to), ct);
        if (moved == 0) return new("Someone else moved the postmortem meanwhile.", await queries.GetAsync(incidentId, ct));
        db.PostmortemTransitions.Add(new PostmortemTransition
        {
            IncidentId = incidentId, From = from, To = to, By = by!.Trim(),
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), At = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(null, await queries.GetAsync(incidentId, ct));
    }
}
