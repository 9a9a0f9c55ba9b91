using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Questions;

/// <summary>Asks, answers, reopens and removes the questions for an incident's review meeting, through the door and audited.</summary>
public sealed class QuestionCommands(WriteDoor door)
{
    private const string Subject = "question";

    public Task<CommandResult> AskAsync(Actor actor, int incidentId, QuestionInput input, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            var errors = QuestionRules.ValidateQuestion(input.Text);
            if (errors.Count > 0) return w.Invalid(errors);
            // Among what the person sees: a private incident they are not in answers as not found.
            if (!await w.VisibleIncidents().AnyAsync(i => i.Id == incidentId, ct)) return CommandResult.NotFound("incident");
            if (input.EventId is { } eventId && !await w.Db.TimelineEvents.AnyAsync(e => e.Id == eventId && e.IncidentId == incidentId, ct))
                return w.Invalid(nameof(QuestionInput.EventId), "The event is no longer on this incident's timeline; reload and choose again.");
            if (await w.Db.ReviewQuestions.CountAsync(q => q.IncidentId == incidentId, ct) >= QuestionRules.QuestionsPerIncident)
                return w.Invalid("", $"This incident already has {QuestionRules.QuestionsPerIncident} questions, its limit.");
            var question = new ReviewQuestion
            {
                IncidentId = incidentId, TimelineEventId = input.EventId, Text = input.Text.Trim(), AskedBy = Who(w),
                CreatedAt = w.Now, UpdatedAt = w.Now, Version = Guid.NewGuid(),
            };
            w.Db.ReviewQuestions.Add(question);
            w.Audit(AuditActions.QuestionAsked, question).Publish(ChangeScope.Incident(incidentId));
            return w.Done(question);
        }, ct);

    /// <summary>Marks the question answered with <paramref name="answer"/>; answering again replaces the answer.</summary>
    public Task<CommandResult> AnswerAsync(Actor actor, int incidentId, int questionId, Guid version, string? answer, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            var errors = QuestionRules.ValidateAnswer(answer);
            if (errors.Count > 0) return w.Invalid(errors);
            if (await FindAsync(w, incidentId, questionId, ct) is not { } question) return w.NotFound();
            w.Expect(question, version);
            question.Answer = answer!.Trim();
            question.AnsweredAt = w.Now;
            question.AnsweredBy = Who(w);
            question.UpdatedAt = w.Now;
            w.Audit(AuditActions.QuestionAnswered, question).Publish(ChangeScope.Incident(incidentId));
            return w.Done(question);
        }, ct);

    /// <summary>Opens an answered question again; its answer is cleared (the audit trail keeps it).</summary>
    public Task<CommandResult> ReopenAsync(Actor actor, int incidentId, int questionId, Guid version, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            if (await FindAsync(w, incidentId, questionId, ct) is not { } question) return w.NotFound();
            w.Expect(question, version);
            if (question.AnsweredAt is null) return w.Invalid("", "The question is already open.");
            question.Answer = null;
            question.AnsweredAt = null;
            question.AnsweredBy = null;
            question.UpdatedAt = w.Now;
            w.Audit(AuditActions.QuestionReopened, question).Publish(ChangeScope.Incident(incidentId));
            return w.Done(question);
        }, ct);

    public Task<CommandResult> DeleteAsync(Actor actor, int incidentId, int questionId, Guid version, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Respond, Subject, async w =>
        {
            if (await FindAsync(w, incidentId, questionId, ct) is not { } question) return w.NotFound();
            w.Expect(question, version);
            w.Db.ReviewQuestions.Remove(question);
            w.Audit(AuditActions.QuestionDeleted, question).Publish(ChangeScope.Incident(incidentId));
            return w.Done(question);
        }, ct);

    /// <summary>The question, only when its incident is one the person sees.</summary>
    private static Task<ReviewQuestion?> FindAsync(Write w, int incidentId, int questionId, CancellationToken ct)
    {
        var visible = w.VisibleIncidents();
        return w.Db.ReviewQuestions.Where(q => q.Id == questionId && q.IncidentId == incidentId)
            .Where(q => visible.Any(i => i.Id == q.IncidentId)).SingleOrDefaultAsync(ct);
    }

    private static string Who(Write w) => w.Actor.DisplayName.Length > Limits.PersonLength ? w.Actor.DisplayName[..Limits.PersonLength] : w.Actor.DisplayName;
}
