using Dashboard.Api;
using Dashboard.Data.Questions;
using Dashboard.Data.Timeline;

namespace Dashboard.Questions;

/// <summary>
/// /api/v1/incidents/{slug}/questions: the questions prepared for the incident's review meeting, as
/// the postmortem page lists them (open first). Answering and reopening are writes of their own, each
/// with the question's version in If-Match.
/// </summary>
public static class QuestionsApi
{
    public static RouteGroupBuilder MapQuestionsApi(this RouteGroupBuilder api)
    {
        var questions = api.MapGroup("/incidents/{slug}/questions").WithTags("Review questions");
        questions.MapGet("/", ListAsync).WithName("ListReviewQuestions").WithSummary("The questions for the review meeting, open ones first.");
        questions.MapPost("/", AskAsync).WithName("AskReviewQuestion")
            .WithSummary("Ask a question: text, and eventId when it is about one timeline event. Send Idempotency-Key to retry safely.");
        questions.MapPut("/{id:int}/answer", AnswerAsync).WithName("AnswerReviewQuestion").WithSummary("Mark the question answered with {\"answer\"}; needs If-Match.");
        questions.MapDelete("/{id:int}/answer", ReopenAsync).WithName("ReopenReviewQuestion").WithSummary("Reopen an answered question (its answer is cleared); needs If-Match.");
        questions.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteReviewQuestion").WithSummary("Remove the question; needs If-Match.");
        return api;
    }

    private static async Task<IResult> ListAsync(string slug, HttpContext http, TimelineEventQueries incidents, QuestionQueries queries, CancellationToken ct)
    {
        if (await incidents.IncidentIdAsync(http.Actor(), slug, ct) is not { } incidentId) return ApiProblems.NotFound("incident");
        return TypedResults.Ok((await queries.ListAsync(http.Actor(), incidentId, ct)).Select(ApiQuestion.From).ToList());
    }

    private static async Task<IResult> AskAsync(string slug, QuestionInput input, HttpContext http, TimelineEventQueries incidents, QuestionCommands commands,
        QuestionQueries queries, CancellationToken ct)
    {
        if (!http.Actor().May(Permission.Respond)) return ApiRequests.Forbidden(http, Permission.Respond);
        if (await incidents.IncidentIdAsync(http.Actor(), slug, ct) is not { } incidentId) return ApiProblems.NotFound("incident");
        var result = await commands.AskAsync(http.Actor(), incidentId, input, ct);
        return result.Succeeded ? await ReadBackAsync(http, queries, slug, incidentId, result.Id!.Value, created: true, ct) : ApiProblems.Of(result);
    }

    private static async Task<IResult> AnswerAsync(string slug, int id, ApiAnswerInput input, HttpContext http, TimelineEventQueries incidents,
        QuestionCommands commands, QuestionQueries queries, CancellationToken ct)
    {
        var (version, refusal) = ApiRequests.Precondition(http, Permission.Respond);
        if (refusal is not null) return refusal;
        if (await incidents.IncidentIdAsync(http.Actor(), slug, ct) is not { } incidentId) return ApiProblems.NotFound("incident");
        var result = await commands.AnswerAsync(http.Actor(), incidentId, id, version, input.Answer, ct);
        return result.Succeeded ? await ReadBackAsync(http, queries, slug, incidentId, id, created: false, ct) : ApiProblems.Of(result);
    }

    private static async Task<IResult> ReopenAsync(string slug, int id, HttpContext http, TimelineEventQueries incidents,
        QuestionCommands commands, QuestionQueries queries, CancellationToken ct)
    {
        var (version, refusal) = ApiRequests.Precondition(http, Permission.Respond);
        if (refusal is not null) return refusal;
        if (await incidents.IncidentIdAsync(http.Actor(), slug, ct) is not { } incidentId) return ApiProblems.NotFound("incident");
        var result = await commands.ReopenAsync(http.Actor(), incidentId, id, version, ct);
        return result.Succeeded ? await ReadBackAsync(http, queries, slug, incidentId, id, created: false, ct) : ApiProblems.Of(result);
    }

    private static async Task<IResult> DeleteAsync(string slug, int id, HttpContext http, TimelineEventQueries incidents, QuestionCommands commands, CancellationToken ct)
    {
        var (version, refusal) = ApiRequests.Precondition(http, Permission.Respond);
        if (refusal is not null) return refusal;
        if (await incidents.IncidentIdAsync(http.Actor(), slug, ct) is not { } incidentId) return ApiProblems.NotFound("incident");
        var result = await commands.DeleteAsync(http.Actor(), incidentId, id, version, ct);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.Of(result);
    }

    private static async Task<IResult> ReadBackAsync(HttpContext http, QuestionQueries queries, string slug, int incidentId, int id, bool created, CancellationToken ct)
    {
        var question = (await queries.ListAsync(http.Actor(), incidentId, ct)).Single(q => q.Id == id);
        return ApiRequests.WithETag(http, ApiQuestion.From(question), question.Version, created ? $"{ApiSetup.Prefix}/incidents/{slug}/questions" : null);
    }
}

public sealed record ApiAnswerInput(string? Answer);

/// <summary>A question for the review meeting; eventId is null for one about the whole incident; answer, answeredBy and answeredAt are null while it is open.</summary>
public sealed record ApiQuestion(int Id, string Text, int? EventId, string AskedBy, DateTime CreatedAt, bool Answered, string? Answer,
    string? AnsweredBy, DateTime? AnsweredAt, string Version)
{
    public static ApiQuestion From(QuestionView q) =>
        new(q.Id, q.Text, q.EventId, q.AskedBy, q.CreatedAt, q.IsAnswered, q.Answer, q.AnsweredBy, q.AnsweredAt, q.Version.ToString("N"));
}
