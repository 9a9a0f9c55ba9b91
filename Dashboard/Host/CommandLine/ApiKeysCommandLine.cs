using static Dashboard.Host.CommandLine.CommandLineArgs;
using System.Globalization;
using Dashboard.Data.ApiKeys;
using Dashboard.Api;

namespace Dashboard.Host.CommandLine;

/// <summary>
/// `api-keys …` on the command line, for operators (a key for a deploy bot, an Alertmanager): the
/// app's database and configuration, no web host, each change through the door as <c>system</c>.
/// `create` prints the key alone on standard output (so <c>KEY=$(…)</c> works), the note on standard error.
/// </summary>
public static class ApiKeysCommandLine
{
    public const string Usage = """
        Usage: dotnet run --project Dashboard -- api-keys <command>
          api-keys create NAME --owner EMAIL --role viewer|responder|admin|owner [--expires YYYY-MM-DD]   (prints the key once)
          api-keys list
          api-keys revoke ib_PREFIX
        """;

    public static bool IsCommand(string[] args) => args is ["api-keys", ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var (words, options, settings) = Split(args[1..], "role", "owner", "expires");
        if (words is []) return Fail(error, Usage, 2);
        await using var services = await OpenDataAsync(settings);
        var commands = services.GetRequiredService<ApiKeyCommands>();
        var queries = services.GetRequiredService<ApiKeyQueries>();
        var actor = Actor.System.Via(ChangeSource.Cli);

        switch (words)
        {
            case ["create", var name]:
                if (!options.TryGetValue("owner", out var owner)) return Fail(error, "api-keys create needs --owner EMAIL.", 2);
                if (!options.TryGetValue("role", out var roleText) || ParseRole(roleText) is not { } role)
                    return Fail(error, "api-keys create needs --role viewer, responder, admin or owner.", 2);
                DateTime? expires = null;
                if (options.TryGetValue("expires", out var expiresText))
                {
                    if (!DateTime.TryParse(expiresText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
                        return Fail(error, $"--expires: '{expiresText}' is not a date (use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, in UTC).", 2);
                    expires = at;
                }
                var created = await commands.CreateAsync(actor, new ApiKeyInput { Name = name, OwnerEmail = owner, Role = role, ExpiresAt = expires });
                if (!created.Result.Succeeded) return Fail(error, Describe(created.Result), 1);
                output.WriteLine(created.Key);
                error.WriteLine($"API key '{name}' for {owner} as {role.ToString().ToLowerInvariant()}{(expires is { } e ? $", expires {e:yyyy-MM-dd HH:mm} UTC" : "")}. It is shown only now; store it.");
                return 0;
            case ["list"]:
                var now = queries.Now;
                foreach (var k in await queries.ListAsync(actor, everyone: true))
                    output.WriteLine($"{k.Public}\t{k.Name}\t{k.OwnerEmail}\t{k.Role.ToString().ToLowerInvariant()}\t{k.State(now)}\t{(k.LastUsedAt is { } u ? u.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "never used")}");
                return 0;
            case ["revoke", var prefix]:
                var key = (await queries.ListAsync(actor, everyone: true)).FirstOrDefault(k => k.Public == prefix || k.Prefix == prefix);
                if (key is null) return Fail(error, $"No API key starts {prefix}.", 1);
                var revoked = await commands.RevokeAsync(actor, key.Id);
                if (!revoked.Succeeded) return Fail(error, Describe(revoked), 1);
                output.WriteLine($"revoked {key.Public} ({key.Name})");
                return 0;
            default:
                return Fail(error, Usage, 2);
        }
    }
}
