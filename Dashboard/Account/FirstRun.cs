using Dashboard.Data.Identity;
using Microsoft.Extensions.Options;
using Dashboard.Ui.Kit;

namespace Dashboard.Account;

/// <summary>
/// Until the first owner exists every page leads to "Create the owner account"; with the Bootstrap
/// settings that owner is made at start instead, for automated set-ups. Once any user exists both stop.
/// </summary>
public sealed class FirstRun(UserQueries users, UserCommands commands, IOptions<BootstrapOptions> bootstrap, ILogger<FirstRun> logger)
{
    public const string SetupPath = "/account/setup";
    private volatile bool _done;

    public async Task<bool> NeedsOwnerAsync(CancellationToken ct = default)
    {
        if (_done) return false;
        _done = await users.AnyAsync(ct);
        return !_done;
    }

    /// <summary>Makes the owner from Bootstrap:OwnerEmail and Bootstrap:OwnerPassword when no user exists yet.</summary>
    public async Task BootstrapAsync(CancellationToken ct = default)
    {
        var b = bootstrap.Value;
        if (string.IsNullOrWhiteSpace(b.OwnerEmail) || string.IsNullOrEmpty(b.OwnerPassword) || !await NeedsOwnerAsync(ct)) return;
        var result = await commands.CreateFirstOwnerAsync(new NewUserInput { Email = b.OwnerEmail, DisplayName = b.OwnerName, Password = b.OwnerPassword }, ct);
        if (result.Succeeded) logger.LogInformation("Created the owner account {Email} from the Bootstrap settings", b.OwnerEmail);
        else logger.LogError("The Bootstrap owner was refused: {Problems}", string.Join(" ", result.Errors.Values));
    }

    /// <summary>Sends page requests to the owner form while there is no user; assets, the form itself, the probes (/healthz, /healthz/*) and /metrics pass.</summary>
    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var path = context.Request.Path;
        var isPage = HttpMethods.IsGet(context.Request.Method) && !Path.HasExtension(path.Value) &&
                     !path.StartsWithSegments("/_framework") && !path.StartsWithSegments("/_content") && !path.StartsWithSegments("/_blazor") &&
                     !path.StartsWithSegments("/healthz") && !path.StartsWithSegments("/metrics") && !path.StartsWithSegments(SetupPath) &&
                     !path.StartsWithSegments(OidcSetup.CallbackPath); // single sign-on's return: the first person in becomes the owner
        if (isPage && await NeedsOwnerAsync(context.RequestAborted))
        {
            context.Response.Redirect(SetupPath);
            return;
        }
        await next();
    }
}
