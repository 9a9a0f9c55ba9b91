using Dashboard.Data.StatusPages;

namespace Dashboard.StatusPages;

/// <summary>
/// Email sign-up on a public page, and the links in the mail: confirm (double opt-in) and unsubscribe
/// (RFC 8058 one-click: a POST to the link, from the mail client, with no other check than its token), and
/// choose components (the subscriber's own page: the token is the permission).
/// The sign-up form is refused when posted from another site (Origin / Sec-Fetch-Site), rate-limited
/// per client address, and answers the same whatever the address.
/// </summary>
public static class SubscriptionEndpoints
{
    public static RouteGroupBuilder MapStatusSubscriptions(this RouteGroupBuilder page)
    {
        page.MapPost("/subscribe", SubscribeAsync).RequireRateLimiting(PublicStatusEndpoints.SignUpLimit).DisableAntiforgery();
        page.MapGet("/subscriptions/confirm", (string key, string? token) =>
            Html("Confirm your subscription", "Press the button to receive this page's status updates by email.", key, $"/pages/{Uri.EscapeDataString(key)}/subscriptions/confirm?token={Uri.EscapeDataString(token ?? "")}", "Confirm"));
        page.MapPost("/subscriptions/confirm", ConfirmAsync).DisableAntiforgery();
        page.MapGet("/subscriptions/unsubscribe", (string key, string? token) =>
            Html("Unsubscribe", "Press the button to stop receiving this page's status updates.", key, $"/pages/{Uri.EscapeDataString(key)}/subscriptions/unsubscribe?token={Uri.EscapeDataString(token ?? "")}", "Unsubscribe"));
        page.MapPost("/subscriptions/unsubscribe", UnsubscribeAsync).DisableAntiforgery();
        page.MapGet("/subscriptions/manage", async (string key, string? token, StatusPageQueries queries, CancellationToken ct) =>
            await queries.SubscriptionAsync(token, ct) is { } choice && choice.PageKey == key ? Choice(choice, token!) : NotValid(key));
        page.MapPost("/subscriptions/manage", ChooseAsync).DisableAntiforgery();
        return page;
    }

    private static async Task<IResult> SubscribeAsync(string key, HttpContext http, SubscriptionCommands commands, CancellationToken ct)
    {
        if (CrossSite(http)) return Results.Problem("Sign up from the status page itself.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
        var result = await commands.SubscribeAsync(key, form?["email"].ToString(), form is null ? [] : [.. form["components"].OfType<string>()], ct);
        return result.Outcome switch
        {
            Outcome.Ok => Html("Check your inbox", "If the address can receive mail, a link to confirm the subscription is on its way. Nothing is sent until it is confirmed.", key),
            Outcome.Invalid when result.Errors.ContainsKey("Components") => Html("Not a component of this page", "Choose among the page's components and try again.", key, status: StatusCodes.Status400BadRequest),
            Outcome.Invalid => Html("Not an email address", "Enter a valid email address and try again.", key, status: StatusCodes.Status400BadRequest),
            _ => Results.NotFound(),
        };
    }

    private static async Task<IResult> ConfirmAsync(string key, string? token, SubscriptionCommands commands, CancellationToken ct) =>
        (await commands.ConfirmAsync(token, ct)).Succeeded
            ? Html("Subscribed", "You will receive this page's status updates by email. Every mail has links to choose components and to unsubscribe.", key)
            : Html("Link not valid", "This confirmation link is not valid any more; sign up again on the status page.", key, status: StatusCodes.Status404NotFound);

    private static async Task<IResult> UnsubscribeAsync(string key, string? token, SubscriptionCommands commands, CancellationToken ct) =>
        (await commands.UnsubscribeAsync(token, ct)).Succeeded
            ? Html("Unsubscribed", "You will not receive this page's status updates any more.", key)
            : Html("Link not valid", "This unsubscribe link is not valid.", key, status: StatusCodes.Status404NotFound);

    private static async Task<IResult> ChooseAsync(string key, string? token, HttpContext http, SubscriptionCommands commands, StatusPageQueries queries, CancellationToken ct)
    {
        if (CrossSite(http)) return Results.Problem("Choose from the page in your mail's link.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        if (await queries.SubscriptionAsync(token, ct) is not { } before || before.PageKey != key) return NotValid(key);
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
        var result = await commands.ChooseComponentsAsync(token, form is null ? [] : [.. form["components"].OfType<string>()], ct);
        if (result.Outcome == Outcome.Invalid) return Choice(before, token!, "Choose among this page's components.", StatusCodes.Status400BadRequest);
        return await queries.SubscriptionAsync(token, ct) is { } after && result.Succeeded ? Choice(after, token!, "Saved.") : NotValid(key);
    }

    private static IResult Choice(SubscriptionChoice choice, string token, string? notice = null, int status = StatusCodes.Status200OK)
    {
        var root = $"/pages/{Uri.EscapeDataString(choice.PageKey)}";
        var html = PublicPageHtml.Choice(choice, $"{root}/subscriptions/manage?token={Uri.EscapeDataString(token)}", root, notice);
        return Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }

    private static IResult NotValid(string key) =>
        Html("Link not valid", "This link is not valid any more: the subscription was cancelled or never confirmed. Sign up again on the status page.", key, status: StatusCodes.Status404NotFound);

    /// <summary>A browser says where a form post came from: another site's page may not sign someone up.</summary>
    private static bool CrossSite(HttpContext http)
    {
        var site = http.Request.Headers["Sec-Fetch-Site"].ToString();
        if (site is "cross-site" or "same-site") return true;
        var origin = http.Request.Headers.Origin.ToString();
        return origin.Length > 0 && origin != "null" && !string.Equals(origin, $"{http.Request.Scheme}://{http.Request.Host}", StringComparison.OrdinalIgnoreCase);
    }

    private static IResult Html(string title, string text, string key, string? formAction = null, string? button = null, int status = StatusCodes.Status200OK)
    {
        var html = PublicPageHtml.Message(title, text, $"/pages/{Uri.EscapeDataString(key)}", formAction, button);
        return Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }
}
