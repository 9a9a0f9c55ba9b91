using System.Text;
using Dashboard.Data.StatusPages;

namespace Dashboard.StatusPages;

/// <summary>
/// A page as static files (HTML, CSS, feeds, badge, widget and the Statuspage-shaped JSON), written
/// from the same snapshot and renderers the server uses, for any static host or object store away
/// from the app. Only public pages: files carry no audience check.
/// </summary>
public static class StatusExport
{
    /// <summary>Writes the files under <paramref name="directory"/>; <paramref name="url"/> is where they will be served (feeds and JSON name it).</summary>
    public static IReadOnlyList<string> Write(PageSnapshot s, string directory, string url)
    {
        if (s.Page.Audience != StatusAudience.Public) throw new InvalidOperationException($"'{s.Page.Key}' is not a public page; its audience cannot be kept in static files.");
        var pageUrl = url.TrimEnd('/');
        var files = new Dictionary<string, byte[]>
        {
            ["index.html"] = Encoding.UTF8.GetBytes(PublicPageHtml.Page(s, "", "status.css")),
            ["status.css"] = Encoding.UTF8.GetBytes(PublicPageHtml.Css),
            ["widget.html"] = Encoding.UTF8.GetBytes(PublicPageHtml.Widget(s, pageUrl + "/")),
            ["badge.svg"] = StatusBadge.Svg(s),
            ["feed.atom"] = StatusFeeds.Atom(s, pageUrl + "/"),
            ["feed.rss"] = StatusFeeds.Rss(s, pageUrl + "/"),
            ["api/v2/summary.json"] = StatusV2Json.Summary(s, pageUrl + "/"),
            ["api/v2/status.json"] = StatusV2Json.Status(s, pageUrl + "/"),
            ["api/v2/components.json"] = StatusV2Json.ComponentsDocument(s, pageUrl + "/"),
            ["api/v2/incidents.json"] = StatusV2Json.Incidents(s, pageUrl + "/", unresolvedOnly: false),
            ["api/v2/incidents/unresolved.json"] = StatusV2Json.Incidents(s, pageUrl + "/", unresolvedOnly: true),
            ["api/v2/scheduled-maintenances.json"] = StatusV2Json.Maintenances(s, pageUrl + "/"),
            ["api/v2/scheduled-maintenances/upcoming.json"] = StatusV2Json.Maintenances(s, pageUrl + "/", StatusV2Json.MaintenanceList.Upcoming),
            ["api/v2/scheduled-maintenances/active.json"] = StatusV2Json.Maintenances(s, pageUrl + "/", StatusV2Json.MaintenanceList.Active),
        };
        foreach (var (name, bytes) in files)
        {
            var path = Path.Combine(directory, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }
        return [.. files.Keys];
    }
}
