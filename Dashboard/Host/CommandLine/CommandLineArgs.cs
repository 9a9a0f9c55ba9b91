using Dashboard.Data;
using Microsoft.EntityFrameworkCore;
using Dashboard.Host;
using Dashboard.Account;
using Dashboard.Host.Http;

namespace Dashboard.Host.CommandLine;

/// <summary>What the operator commands (users, api-keys) share: reading their words and options, roles, and saying no.</summary>
internal static class CommandLineArgs
{
    /// <summary>
    /// Positional words, this command's own options (given without their leading --), and the rest
    /// (configuration switches such as --ConnectionStrings:IncidentBoard=…) for the host builder.
    /// </summary>
    public static (string[] Words, Dictionary<string, string> Options, string[] Settings) Split(string[] args, params string[] optionNames)
    {
        var words = new List<string>();
        var options = new Dictionary<string, string>();
        var settings = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && optionNames.Contains(args[i][2..]) && i + 1 < args.Length) options[args[i][2..]] = args[++i];
            else if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                settings.Add(args[i]);
                // "--Key value" is a setting too, as the app reads it: the value is not a word of the command.
                if (!args[i].Contains('=') && i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) settings.Add(args[++i]);
            }
            else words.Add(args[i]);
        }
        return ([.. words], options, [.. settings]);
    }

    /// <summary>The data layer on the app's database (<see cref="DatabaseSettings.ForCommandLine"/>), migrated like the app at start.</summary>
    public static async Task<ServiceProvider> OpenDataAsync(string[] settings)
    {
        var services = new ServiceCollection().AddLogging().AddIncidentBoardData(DatabaseSettings.ForCommandLine(settings)).BuildServiceProvider();
        await using (var db = await services.GetRequiredService<IDbContextFactory<IncidentBoardDbContext>>().CreateDbContextAsync())
            await db.Database.MigrateAsync(); // a fresh database works too
        return services;
    }

    /// <summary>A role by its name, any case; numbers are not names.</summary>
    public static Role? ParseRole(string text) => Enum.TryParse<Role>(text, ignoreCase: true, out var r) && Enum.IsDefined(r) && !int.TryParse(text, out _) ? r : null;

    public static int Fail(TextWriter error, string message, int code)
    {
        error.WriteLine(message);
        return code;
    }

    /// <summary>Why the door refused, in one line.</summary>
    public static string Describe(CommandResult result) => result.Errors.Count > 0 ? string.Join(" ", result.Errors.Values) : $"refused: {result.Outcome}";
}
