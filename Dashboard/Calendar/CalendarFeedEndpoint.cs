using Dashboard.Data.Calendar;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Dashboard.Calendar;

/// <summary>
/// <c>GET /calendar/{token}.ics</c>: a user's private feed for calendar apps, which cannot sign in,
/// so the secret token in the address is the key. An unknown or renewed token is 404, the same as
/// an address that never existed. The feed holds only what its owner may see in the app.
/// </summary>
public static class CalendarFeedEndpoint
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static IEndpointRouteBuilder MapCalendarFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet("/calendar/{token}.ics", FeedAsync).AllowAnonymous().WithName("CalendarFeed").ExcludeFromDescription();
        return app;
    }

    public static string Address(string baseUri, string token) => $"{baseUri.TrimEnd('/')}/calendar/{token}.ics";

    private static async Task<IResult> FeedAsync(string token, HttpContext http, CalendarQueries queries, TimeProvider clock, CancellationToken ct)
    {
        // Never cached by a proxy, never sent on as a referrer: the address is the credential.
        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        if (await queries.OwnerOfAsync(token, ct) is not { } owner) return Results.NotFound();
        var entries = await queries.EntriesAsync(owner, ct);
        var root = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/";
        return Results.Text(Write(entries, root, clock.GetUtcNow().UtcDateTime), ContentType);
    }

    /// <summary>The entries as an iCalendar file; each event's UID comes from what it is about, so it stays the same from one fetch to the next.</summary>
    public static string Write(IReadOnlyList<CalendarEntry> entries, string root, DateTime now)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//IncidentBoard//Calendar feed//EN" };
        calendar.AddProperty("X-WR-CALNAME", "IncidentBoard");
        foreach (var entry in entries)
        {
            var e = new CalendarEvent
            {
                Uid = entry.Uid,
                Summary = entry.Summary,
                Description = $"{entry.Description}\n{root}{entry.Path}",
                Url = new Uri(root + entry.Path),
                DtStamp = new CalDateTime(now, "UTC"),
            };
            if (entry.Day is { } day)
            {
                e.DtStart = new CalDateTime(day);
                e.DtEnd = new CalDateTime(day.AddDays(1));
            }
            else
            {
                var start = DateTime.SpecifyKind(entry.StartsAt!.Value, DateTimeKind.Utc);
                e.DtStart = new CalDateTime(start, "UTC");
                e.DtEnd = new CalDateTime(start.AddMinutes(entry.Minutes), "UTC");
            }
            calendar.Events.Add(e);
        }
        return new CalendarSerializer().SerializeToString(calendar)!;
    }
}
