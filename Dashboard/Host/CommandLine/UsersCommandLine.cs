using static Dashboard.Host.CommandLine.CommandLineArgs;
using System.Security.Cryptography;
using Dashboard.Data.Identity;
using Dashboard.Api;

namespace Dashboard.Host.CommandLine;

/// <summary>
/// `users …` on the command line, for operators: the same database and configuration as the app, no
/// web host, and every change through the door as <c>system</c> via the command line, so it is audited.
/// </summary>
public static class UsersCommandLine
{
    public const string Usage = """
        Usage: dotnet run --project Dashboard -- users <command>
          users add EMAIL --role viewer|responder|admin|owner [--name NAME]   (the password is read from standard input)
          users list
          users set-role EMAIL ROLE
          users disable EMAIL
          users enable EMAIL
          users reset-password EMAIL                                         (prints a temporary password, changed at first sign-in)
        """;

    public static bool IsCommand(string[] args) => args is ["users", ..];

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var (words, options, settings) = Split(args[1..], "role", "name");
        if (words is []) return Fail(error, Usage, 2);
        await using var services = await OpenDataAsync(settings);
        var users = services.GetRequiredService<UserCommands>();
        var queries = services.GetRequiredService<UserQueries>();
        var actor = Actor.System.Via(ChangeSource.Cli);

        switch (words)
        {
            case ["list"]:
                foreach (var u in await queries.ListAsync())
                    output.WriteLine($"{u.Email}\t{u.Role.ToString().ToLowerInvariant()}\t{u.DisplayName}\t{(u.IsDisabled ? "disabled" : "enabled")}{(u.MustChangePassword ? "\tmust change password" : "")}");
                return 0;
            case ["add", var email]:
                if (!options.TryGetValue("role", out var roleText) || ParseRole(roleText) is not { } role) return Fail(error, "users add needs --role viewer, responder, admin or owner.", 2);
                var password = input.ReadLine();
                if (string.IsNullOrEmpty(password)) return Fail(error, "Give the password on standard input (one line).", 2);
                return Report(await users.CreateAsync(actor, new NewUserInput
                {
                    Email = email, DisplayName = options.GetValueOrDefault("name") ?? email.Split('@')[0], Role = role, Password = password, MustChangePassword = false,
                }), $"added {email} as {role.ToString().ToLowerInvariant()}", output, error);
            case ["set-role", var email, var roleWord]:
                if (ParseRole(roleWord) is not { } newRole) return Fail(error, $"'{roleWord}' is not a role: use viewer, responder, admin or owner.", 2);
                return await WithUserAsync(queries, email, error, id => users.SetRoleAsync(actor, id, newRole), $"{email} is now {newRole.ToString().ToLowerInvariant()}", output);
            case [var verb and ("disable" or "enable"), var email]:
                return await WithUserAsync(queries, email, error, id => users.SetDisabledAsync(actor, id, verb == "disable"), $"{verb}d {email}", output);
            case ["reset-password", var email]:
                var temporary = TemporaryPassword();
                return await WithUserAsync(queries, email, error, id => users.ResetPasswordAsync(actor, id, temporary),
                    $"temporary password for {email} (shown once; it must be changed at the first sign-in): {temporary}", output);
            default:
                return Fail(error, Usage, 2);
        }
    }

    /// <summary>A temporary password of 16 characters from an unambiguous alphabet (no 0/O, 1/l).</summary>
    public static string TemporaryPassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 16);

    private static async Task<int> WithUserAsync(UserQueries queries, string email, TextWriter error, Func<string, Task<CommandResult>> change, string done, TextWriter output)
    {
        var user = (await queries.ListAsync()).FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));
        if (user is null) return Fail(error, $"No user has the email {email}.", 1);
        return Report(await change(user.Id), done, output, error);
    }

    private static int Report(CommandResult result, string done, TextWriter output, TextWriter error)
    {
        if (result.Succeeded)
        {
            output.WriteLine(done);
            return 0;
        }
        return Fail(error, Describe(result), 1);
    }
}
