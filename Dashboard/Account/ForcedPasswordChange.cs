using Microsoft.AspNetCore.StaticAssets;

namespace Dashboard.Account;

/// <summary>
/// A person signed in with a temporary password may do nothing else until it is changed: only the
/// change-password page, signing in and out, and the static assets those pages load are served.
/// Everything else is refused here, on the server, whatever the request is: a page is redirected to
/// the change-password page, any other request (a form post, an export, the interactive circuit's
/// connection) answers 403. Without the circuit no page can be opened in the browser either.
/// </summary>
public static class ForcedPasswordChange
{
    public const string Path = "/account/password";

    private static readonly string[] Allowed = [Path, "/account/login", "/account/logout"];

    public static Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (!context.User.HasClaim(AppClaims.MustChangePasswordClaim, "true") || IsAllowed(context)) return next();
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            context.Response.Redirect(context.Request.PathBase + Path);
        else
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private static bool IsAllowed(HttpContext context)
    {
        var path = context.Request.Path;
        // Static files are served by MapStaticAssets, whose endpoints carry their descriptor: a file's
        // extension alone would also let the exports (.csv, .md, .html) through.
        return Allowed.Any(a => path.Equals(a, StringComparison.OrdinalIgnoreCase))
            || context.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is not null;
    }
}
