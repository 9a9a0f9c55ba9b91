using Dashboard.Account;

namespace Dashboard.Ui.Kit;

/// <summary>The one place that turns a command's result into words for the person who ran it.</summary>
public static class ResultText
{
    /// <summary>The message for a result that did not succeed; for invalid input, the message about the whole input (fields show their own).</summary>
    public static string Of(CommandResult result) => result.Outcome switch
    {
        Outcome.Ok => $"Saved the {result.Subject}.",
        Outcome.Conflict => $"Someone else changed this {result.Subject} after you opened it. Reload to see their version; your changes were not saved.",
        Outcome.NotFound => $"This {result.Subject} no longer exists; someone deleted it.",
        Outcome.Forbidden => $"Your role may not change this {result.Subject}.",
        _ => result.Errors.TryGetValue("", out var general) ? general : string.Join(" ", result.Errors.Values),
    };

    /// <summary>What a page says after a command: <paramref name="done"/> when it succeeded, else why not.</summary>
    public static string Of(CommandResult result, string done) => result.Succeeded ? done : Of(result);

    /// <summary>A refusal with what it refused, for a write the person did not start from a form ("The theme was not saved: …").</summary>
    public static string Failed(string what, CommandResult result) => $"{what}: {Of(result)}";

    /// <summary>The thing a form was opened for is gone (found so on opening or reloading, before any command ran).</summary>
    public static string Gone(string subject) => Of(CommandResult.NotFound(subject));

    /// <summary>A delete that found nothing to delete: someone was quicker, which is what the person wanted.</summary>
    public static string AlreadyDeleted(CommandResult result) => $"The {result.Subject} was already deleted.";

    /// <summary>A move (a status, a workflow step) refused because someone else moved the row first; <paramref name="now"/> is where it is now.</summary>
    public static string MovedMeanwhile(CommandResult result, string now) => $"Someone else moved the {result.Subject} to {now} meanwhile.";

    /// <summary>
    /// What a dialog shows above its fields: nothing on success, the whole-input message of an invalid
    /// input (field messages stand beside their fields), else the outcome in words.
    /// </summary>
    public static string? Problem(CommandResult result) => result.Outcome switch
    {
        Outcome.Ok => null,
        Outcome.Invalid => result.Errors.GetValueOrDefault(""),
        _ => Of(result),
    };

    /// <summary>Every message of an invalid input, for places with no field to show them beside (imports, menus).</summary>
    public static IReadOnlyList<string> All(CommandResult result) =>
        result.Outcome == Outcome.Invalid ? [.. result.Errors.Values] : [Of(result)];
}
