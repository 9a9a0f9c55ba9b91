using static Dashboard.Host.CommandLine.CommandLineArgs;
using System.Text.RegularExpressions;
using Dashboard.Data.Changes;

namespace Dashboard.Host.CommandLine;

/// <summary>
/// `changes add …` on the command line, for deploy scripts that have the app's configuration but no
/// API key: the same rules as POST /api/v1/changes, through the door as <c>system</c> via the command
/// line (audited), and the same external id sent twice is stored once, so a retried script is harmless.
/// </summary>
public static partial class ChangesCommandLine
{
    public const string Usage = """
        Usage: dotnet run --project Dashboard -- changes add --kind KIND --services KEY[,KEY…] --start TIME --author WHO --title TEXT
                 [--end TIME] [--environment NAME] [--link URL] [--labels A[,B…]] [--external-id ID]
          KIND: deploy, config, feature-flag, infrastructure, data-migration or other
          TIME: ISO 8601 with an offset (2025-11-18T11:05:00Z) or "2025-11-18 11:05" (UTC)
          Prints the change's id; the same --external-id again prints the stored one and adds nothing.
        """;

    /// <summary>Each option and the input field it fills, so the door's field errors are told back as the option the user typed.</summary>
    private static readonly (string Option, string Field)[] Options =
    [
        ("kind", nameof(ChangeInput.Kind)), ("services", nameof(ChangeInput.Services)), ("start", nameof(ChangeInput.StartedAt)),
        ("end", nameof(ChangeInput.EndedAt)), ("author", nameof(ChangeInput.Author)), ("title", nameof(ChangeInput.Title)),
        ("environment", nameof(ChangeInput.Environment)), ("link", nameof(ChangeInput.Link)), ("labels", nameof(ChangeInput.Labels)),
        ("external-id", nameof(ChangeInput.ExternalId)),
    ];

    public static bool IsCommand(string[] args) => args is ["changes", ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        // An option without its value would take the next switch as its value (or become a switch itself) and the change be stored without it.
        for (var i = 1; i < args.Length; i++)
            if (args[i].StartsWith("--", StringComparison.Ordinal) && Options.Any(o => o.Option == args[i][2..])
                && (i + 1 == args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal)))
                return Fail(error, $"{args[i]} needs a value.", 2);
        var (words, options, settings) = Split(args[1..], [.. Options.Select(o => o.Option)]);
        if (words is not ["add"]) return Fail(error, Usage, 2);
        // A mistyped option (--titel) would be taken as a configuration switch and silently ignored; configuration keys have a ':' or '='.
        if (settings.FirstOrDefault(s => OptionLike().IsMatch(s)) is { } unknown)
            return Fail(error, $"{unknown} is not an option of changes add.{Environment.NewLine}{Usage}", 2);

        var input = new ChangeInput
        {
            Kind = options.GetValueOrDefault("kind"), Services = List(options.GetValueOrDefault("services")), StartedAt = options.GetValueOrDefault("start"),
            EndedAt = options.GetValueOrDefault("end"), Author = options.GetValueOrDefault("author"), Title = options.GetValueOrDefault("title"),
            Environment = options.GetValueOrDefault("environment"), Link = options.GetValueOrDefault("link"), Labels = List(options.GetValueOrDefault("labels")),
            ExternalId = options.GetValueOrDefault("external-id"),
        };
        await using var services = await OpenDataAsync(settings);
        var result = await services.GetRequiredService<ChangeCommands>().RecordAsync(Actor.System.Via(ChangeSource.Cli), input);
        if (result.Succeeded)
        {
            output.WriteLine(result.Id);
            error.WriteLine(result.Count == 0 ? $"Already stored as change {result.Id} (external id {input.ExternalId?.Trim()}); nothing added." : $"Recorded change {result.Id}.");
            return 0;
        }
        if (result.Errors.Count == 0) return Fail(error, Describe(result), 1);
        foreach (var (field, message) in result.Errors.OrderBy(e => e.Key, StringComparer.Ordinal)) error.WriteLine($"{OptionOf(field)}: {message}");
        return 2;
    }

    /// <summary>"Services[2]" → "--services (3rd key)": the field the door named, as the option the user typed.</summary>
    public static string OptionOf(string field)
    {
        var bracket = field.IndexOf('[', StringComparison.Ordinal);
        var name = bracket < 0 ? field : field[..bracket];
        var option = Options.FirstOrDefault(o => o.Field == name).Option;
        if (option is null) return field.Length == 0 ? "changes add" : field;
        return bracket < 0 ? $"--{option}" : $"--{option} (item {int.Parse(field[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture) + 1})";
    }

    /// <summary>"a, b" → ["a", "b"]; empty items are kept so the rules can name them.</summary>
    private static List<string?>? List(string? text) => text is null ? null : [.. text.Split(',').Select(s => (string?)s.Trim())];

    [GeneratedRegex("^--[A-Za-z][A-Za-z0-9-]*$")]
    private static partial Regex OptionLike();
}
