namespace Dashboard.Data.Kernel;

public enum Outcome { Ok, Invalid, Conflict, NotFound, Forbidden }

/// <summary>
/// What every command returns. The UI turns it into a message in one place
/// (<c>Dashboard.Ui.Kit.ResultText</c>), and so will the HTTP API into problem details.
/// </summary>
/// <param name="Subject">What the command was about, in words ("incident", "timeline event"), for messages.</param>
/// <param name="Version">On success, the row's new version; on a conflict, the version now saved.</param>
public sealed record CommandResult(Outcome Outcome, string Subject)
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public int? Id { get; init; }
    /// <summary>The row's address where it has one: an incident's slug, a service's key.</summary>
    public string? Key { get; init; }
    public Guid? Version { get; init; }
    /// <summary>Field name → message. The empty field name holds a message about the whole input.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; init; } = None;
    /// <summary>Saved, but worth a second look (an event outside the incident window, a probable duplicate).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>How many rows a bulk command wrote (a chat-log import).</summary>
    public int Count { get; init; }

    public bool Succeeded => Outcome == Outcome.Ok;

    public static CommandResult Ok(string subject, int? id = null, Guid? version = null, string? key = null) =>
        new(Outcome.Ok, subject) { Id = id, Version = version, Key = key };

    public static CommandResult Invalid(string subject, IReadOnlyDictionary<string, string> errors) => new(Outcome.Invalid, subject) { Errors = errors };

    public static CommandResult Invalid(string subject, string field, string message) =>
        Invalid(subject, new Dictionary<string, string> { [field] = message });

    /// <summary>A refused file: every problem found, in order (the first under the empty field name).</summary>
    public static CommandResult Invalid(string subject, IReadOnlyList<string> problems) =>
        Invalid(subject, problems.Select((p, i) => (Key: i == 0 ? "" : $"#{i + 1}", p)).ToDictionary(x => x.Key, x => x.p));

    public static CommandResult Conflict(string subject, Guid? current) => new(Outcome.Conflict, subject) { Version = current };

    public static CommandResult NotFound(string subject) => new(Outcome.NotFound, subject);

    public static CommandResult Forbidden(string subject) => new(Outcome.Forbidden, subject);
}
