using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Dashboard.Data.StatusPages;

namespace Dashboard.StatusPages;

/// <summary>Atom and RSS feeds of a page's published updates, newest first, written with System.ServiceModel.Syndication from the snapshot only.</summary>
public static class StatusFeeds
{
    public const int Items = 50;

    public static byte[] Atom(PageSnapshot s, string pageUrl) => Write(Feed(s, pageUrl), f => new Atom10FeedFormatter(f));

    public static byte[] Rss(PageSnapshot s, string pageUrl) => Write(Feed(s, pageUrl), f => new Rss20FeedFormatter(f));

    private static SyndicationFeed Feed(PageSnapshot s, string pageUrl)
    {
        var updates = s.Incidents.SelectMany(i => i.Updates.Select(u => (Incident: i, Id: u.Id, Title: $"{i.Name}: {u.State}", Body: Body(u), u.PublishedAt, u.UpdatedAt)));
        // A public postmortem is one item of its own, kept under one id when its text is updated.
        var postmortems = s.Incidents.Where(i => i.Postmortem is not null).Select(i => (Incident: i, Id: $"{i.Id}-postmortem", Title: $"{i.Name}: Postmortem",
            Body: i.Postmortem!.Body + (i.Postmortem.UpdatedAt is { } at ? $"\n\n(Updated {at:yyyy-MM-dd HH:mm} UTC.)" : ""), i.Postmortem.PublishedAt,
            UpdatedAt: i.Postmortem.UpdatedAt ?? i.Postmortem.PublishedAt));
        var items = updates.Concat(postmortems)
            .OrderByDescending(x => x.PublishedAt).ThenByDescending(x => x.Id, StringComparer.Ordinal).Take(Items)
            .Select(x => new SyndicationItem(x.Title, x.Body, new Uri($"{pageUrl}#{x.Incident.Id}"), $"{pageUrl}#{x.Id}", new DateTimeOffset(x.UpdatedAt, TimeSpan.Zero))
            {
                PublishDate = new DateTimeOffset(x.PublishedAt, TimeSpan.Zero),
            }).ToList();
        return new SyndicationFeed($"{s.Page.Name}: status", s.Page.Description ?? $"Status updates of {s.Page.Name}", new Uri(pageUrl), pageUrl,
            new DateTimeOffset(s.BuiltAt, TimeSpan.Zero), items);
    }

    private static string Body(PublicUpdate u)
    {
        var text = u.Body;
        if (u.Affected.Count > 0) text += "\n\nAffects: " + string.Join(", ", u.Affected.Select(a => $"{a.Name} ({PublicPageHtml.StatusText(a.Status).ToLowerInvariant()})"));
        if (u.CorrectedAt is { } at) text += $"\n\n(Corrected {at:yyyy-MM-dd HH:mm} UTC.)";
        return text;
    }

    private static byte[] Write(SyndicationFeed feed, Func<SyndicationFeed, SyndicationFeedFormatter> formatter)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
            formatter(feed).WriteTo(xml);
        return stream.ToArray();
    }
}

/// <summary>A status badge (SVG) in the usual two-part shape: "status" and the page's overall state in its colour.</summary>
public static class StatusBadge
{
    public static byte[] Svg(PageSnapshot s)
    {
        var (label, value) = ("status", s.Description);
        var colour = s.Indicator switch { "critical" => "#b71c1c", "major" => "#a33f00", "minor" => "#8a5a00", _ => "#1b7f3b" };
        int Width(string text) => 12 + (int)Math.Ceiling(text.Length * 6.6);
        var (left, right) = (Width(label), Width(value));
        var svg = $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="{left + right}" height="20" role="img" aria-label="{label}: {E(value)}"><title>{E(s.Page.Name)}: {E(value)}</title><rect width="{left}" height="20" fill="#444"/><rect x="{left}" width="{right}" height="20" fill="{colour}"/><g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle"><text x="{left / 2}" y="14">{label}</text><text x="{left + right / 2}" y="14">{E(value)}</text></g></svg>
            """;
        return Encoding.UTF8.GetBytes(svg);
    }

    private static string E(string text) => System.Net.WebUtility.HtmlEncode(text);
}
