namespace Dashboard.Data.Questions;

/// <summary>What a question and its answer may be.</summary>
public static class QuestionRules
{
    public const int TextLength = 1000;
    public const int AnswerLength = 4000;
    public const int QuestionsPerIncident = 200;

    public static Dictionary<string, string> ValidateQuestion(string? text)
    {
        var errors = new Dictionary<string, string>();
        var t = text?.Trim() ?? "";
        if (t.Length == 0) errors[nameof(QuestionInput.Text)] = "Write the question.";
        else if (t.Length > TextLength) errors[nameof(QuestionInput.Text)] = $"At most {TextLength:N0} characters.";
        return errors;
    }

    public static Dictionary<string, string> ValidateAnswer(string? answer)
    {
        var errors = new Dictionary<string, string>();
        var a = answer?.Trim() ?? "";
        if (a.Length == 0) errors["Answer"] = "Write the answer the meeting came to.";
        else if (a.Length > AnswerLength) errors["Answer"] = $"At most {AnswerLength:N0} characters.";
        return errors;
    }
}

/// <summary>A question as the form and the API ask it.</summary>
public sealed class QuestionInput
{
    public string Text { get; set; } = "";
    /// <summary>The timeline event of the same incident it is about; null for the incident as a whole.</summary>
    public int? EventId { get; set; }
}
