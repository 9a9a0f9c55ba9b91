using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Incidents;

/// <summary>One page of the incidents list for a program, and where the next one starts.</summary>
public sealed record IncidentFeedPage(IReadOnlyList<IncidentListItem> Items, string? NextCursor);

/// <summary>
/// The incidents list for the HTTP API: the page's filters, newest start first, paged by a keyset
/// cursor (the last row's start time and id) rather than an offset. A page therefore begins right
/// after the last row the client saw, whatever was inserted or deleted meanwhile: no row is shown
/// twice and none that existed is skipped, and a deep page costs what the first one does.
/// </summary>
public sealed class IncidentFeed(IDbContextFactory<IncidentBoardDbContext> dbFactory)
{
    public const int MaxLimit = 200;

    /// <summary>Incidents without any start time sort last (as the page shows them), under this stand-in.</summary>
    private static readonly DateTime NoStart = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);

    public async Task<IncidentFeedPage> PageAsync(Actor viewer, IncidentListQuery filters, string? cursor, int limit, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var incidents = IncidentQueries.Filter(db.Incidents.AsNoTracking().VisibleTo(viewer), filters);
        if (cursor is not null)
        {
            if (!TryDecode(cursor, out var after, out var afterId)) throw new FormatException("Not a cursor from this API.");
            incidents = incidents.Where(i => (i.StartedAt ?? i.TriggeredAt ?? NoStart) < after
                || ((i.StartedAt ?? i.TriggeredAt ?? NoStart) == after && i.Id < afterId));
        }
        var take = Math.Clamp(limit, 1, MaxLimit);
        var rows = await incidents
            .OrderByDescending(i => i.StartedAt ?? i.TriggeredAt ?? NoStart).ThenByDescending(i => i.Id)
            .Take(take + 1)
            .Select(i => new IncidentListItem(i.Id, i.Slug, i.Title, i.Organisation, i.Severity, i.Status,
                i.StartedAt ?? i.TriggeredAt, i.DurationMinutes, i.Impacts.Select(x => x.ServiceId).Distinct().Count(), i.PostmortemStatus, i.IsNearMiss))
            .ToListAsync(ct);
        if (rows.Count <= take) return new IncidentFeedPage(rows, null);
        rows.RemoveAt(take);
        var last = rows[^1];
        return new IncidentFeedPage(rows, Encode(last.StartedAt ?? NoStart, last.Id));
    }

    public static bool IsCursor(string text) => TryDecode(text, out _, out _);

    private static string Encode(DateTime start, int id) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{start.Ticks}.{id}")));

    private static bool TryDecode(string text, out DateTime start, out int id)
    {
        start = default;
        id = 0;
        if (text.Length is 0 or > 64) return false;
        byte[] bytes;
        try { bytes = Base64Url.DecodeFromChars(text); }
        catch (FormatException) { return false; }
        var parts = Encoding.ASCII.GetString(bytes).Split('.');
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out id)
            || ticks > DateTime.MaxValue.Ticks) return false;
        start = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }
}
