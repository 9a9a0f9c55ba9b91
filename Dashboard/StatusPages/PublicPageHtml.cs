using System.Globalization;
using System.Net;
using System.Text;
using Dashboard.Data.StatusPages;
using Dashboard.Ui.Kit;

namespace Dashboard.StatusPages;

/// <summary>
/// The public page and its widget as plain HTML, written from a <see cref="PageSnapshot"/> only (so
/// nothing unpublished can reach it), once per snapshot: the server keeps the bytes, the static export
/// writes them to files. No script at all: a day's incidents show on hover or focus (a tap) with CSS.
/// </summary>
public static class PublicPageHtml
{
    /// <summary>Days shown on a narrow screen (the period's uptime stays the 90 days').</summary>
    public const int PhoneDays = 30;

    /// <param name="root">Where the page's own files are: "/pages/{key}/" on the server, "" in an export.</param>
    /// <param name="css">The stylesheet's address.</param>
    /// <param name="subscribe">Show the email sign-up form (public pages on the server; not in a static export, which cannot take a post).</param>
    public static string Page(PageSnapshot s, string root, string css, bool subscribe = false)
    {
        var h = new StringBuilder(32 * 1024);
        h.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        h.Append("<title>").Append(E(s.Page.Name)).Append("</title>");
        h.Append("<link rel=\"stylesheet\" href=\"").Append(E(css)).Append("\">");
        h.Append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Atom\" href=\"").Append(E(root)).Append("feed.atom\">");
        h.Append("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"RSS\" href=\"").Append(E(root)).Append("feed.rss\">");
        h.Append("</head><body><main class=\"sp\">");
        h.Append("<header class=\"sp-head\">");
        if (s.Page.LogoUrl is { } logo) h.Append("<img class=\"sp-logo\" src=\"").Append(E(logo)).Append("\" alt=\"\">");
        h.Append("<div><h1>").Append(E(s.Page.Name)).Append("</h1>");
        if (s.Page.Description is { } text) h.Append("<p class=\"sp-desc\">").Append(E(text)).Append("</p>");
        h.Append("</div></header>");
        h.Append("<section class=\"sp-overall sp-").Append(s.Indicator).Append("\" data-testid=\"overall\"><h2>").Append(E(s.Description)).Append("</h2>");
        h.Append("<p>Last updated at <time datetime=\"").Append(Iso(s.BuiltAt)).Append("\">").Append(Utc(s.BuiltAt)).Append("</time></p></section>");

        var active = s.Unresolved.ToList();
        if (active.Count > 0)
        {
            h.Append("<section aria-labelledby=\"sp-active\"><h2 id=\"sp-active\">Active incidents</h2>");
            foreach (var incident in active) Incident(h, incident);
            h.Append("</section>");
        }

        var planned = s.OpenMaintenances.ToList();
        if (planned.Count > 0)
        {
            h.Append("<section aria-labelledby=\"sp-maintenance\"><h2 id=\"sp-maintenance\">Scheduled maintenance</h2>");
            foreach (var m in planned)
            {
                h.Append("<article class=\"sp-incident sp-impact-none\" id=\"").Append(E(m.Id)).Append("\" data-testid=\"maintenance\"><h3>").Append(E(m.Name)).Append("</h3>");
                h.Append("<p class=\"sp-affects\"><strong>").Append(MaintenanceText(m.State)).Append("</strong> · ").Append(Utc(m.ScheduledFor)).Append(" – ").Append(Utc(m.ScheduledUntil));
                if (m.Components.Count > 0) h.Append(" · Affects: ").Append(E(string.Join(", ", m.Components.Select(c => c.Name))));
                h.Append("</p><p>").Append(Text(m.Body)).Append("</p></article>");
            }
            h.Append("</section>");
        }

        h.Append("<section aria-labelledby=\"sp-components\"><h2 id=\"sp-components\">Components</h2>");
        foreach (var group in s.Groups)
        {
            h.Append("<div class=\"sp-group\"><h3>").Append(E(group.Key)).Append("</h3>");
            foreach (var c in group) Component(h, c);
            h.Append("</div>");
        }
        if (s.Components.Count == 0) h.Append("<p>No components on this page yet.</p>");
        h.Append("</section>");

        var past = s.Incidents.Where(i => i.IsResolved).ToList();
        h.Append("<section aria-labelledby=\"sp-past\"><h2 id=\"sp-past\">Past incidents</h2>");
        if (past.Count == 0) h.Append("<p>No incidents reported in this period.</p>");
        foreach (var incident in past) Incident(h, incident);
        h.Append("</section>");

        if (subscribe)
        {
            h.Append("<section aria-labelledby=\"sp-subscribe\"><h2 id=\"sp-subscribe\">Get updates by email</h2><form class=\"sp-form\" method=\"post\" action=\"").Append(E(root))
                .Append("subscribe\"><label for=\"sp-email\">Email address</label> <input id=\"sp-email\" name=\"email\" type=\"email\" required autocomplete=\"email\"> ")
                .Append("<button type=\"submit\">Subscribe</button>");
            if (s.Components.Count > 1)
            {
                // Optional: none ticked is the whole page, so the simple sign-up stays one field and one button.
                h.Append("<fieldset class=\"sp-choices\"><legend>Only about these components (optional; none ticked means all)</legend>");
                foreach (var c in s.Components.OrderBy(c => c.Position))
                    h.Append("<label><input type=\"checkbox\" name=\"components\" value=\"").Append(E(c.Id)).Append("\"> ").Append(E(c.Name)).Append("</label>");
                h.Append("</fieldset>");
            }
            h.Append("</form><p class=\"sp-desc\">We mail a link to confirm first; every mail has a one-click unsubscribe link.</p></section>");
        }
        h.Append("<footer class=\"sp-foot\"><a href=\"").Append(E(root)).Append("feed.atom\">Atom feed</a> · <a href=\"").Append(E(root))
            .Append("feed.rss\">RSS feed</a> · <a href=\"").Append(E(root)).Append("api/v2/summary.json\">JSON</a> · Times in UTC</footer>");
        h.Append("</main></body></html>");
        return h.ToString();
    }

    /// <summary>One incident as the page shows it: its public name, its impact, and its published updates, newest first.</summary>
    public static string IncidentBlock(PublicIncident incident)
    {
        var h = new StringBuilder();
        Incident(h, incident);
        return h.ToString();
    }

    private static void Incident(StringBuilder h, PublicIncident i)
    {
        h.Append("<article class=\"sp-incident sp-impact-").Append(i.Impact).Append("\" id=\"").Append(E(i.Id)).Append("\" data-testid=\"public-incident\"><h3>").Append(E(i.Name)).Append("</h3>");
        if (i.Components.Count > 0) h.Append("<p class=\"sp-affects\">Affects: ").Append(E(string.Join(", ", i.Components.Select(c => c.Name)))).Append("</p>");
        h.Append("<ol class=\"sp-updates\">");
        foreach (var u in i.Updates)
        {
            h.Append("<li><strong>").Append(Title(u.State)).Append("</strong> – ").Append(Text(u.Body));
            h.Append(" <time datetime=\"").Append(Iso(u.PublishedAt)).Append("\">").Append(Utc(u.PublishedAt)).Append("</time>");
            if (u.CorrectedAt is { } corrected) h.Append(" <em class=\"sp-corrected\">(corrected ").Append(Utc(corrected)).Append(")</em>");
            h.Append("</li>");
        }
        h.Append("</ol>");
        if (i.Postmortem is { } pm)
        {
            h.Append("<section class=\"sp-postmortem\" id=\"").Append(E(i.Id)).Append("-postmortem\" aria-label=\"Postmortem: ").Append(E(i.Name))
                .Append("\" data-testid=\"public-postmortem\"><h4>Postmortem</h4><div class=\"sp-md\">").Append(Markdown.ToHtml(pm.Body)).Append("</div>");
            h.Append("<p class=\"sp-affects\">Published <time datetime=\"").Append(Iso(pm.PublishedAt)).Append("\">").Append(Utc(pm.PublishedAt)).Append("</time>");
            if (pm.UpdatedAt is { } updated)
                h.Append(" · <em class=\"sp-corrected\">updated <time datetime=\"").Append(Iso(updated)).Append("\">").Append(Utc(updated)).Append("</time></em>");
            h.Append("</p></section>");
        }
        h.Append("</article>");
    }

    private static void Component(StringBuilder h, PublicComponent c)
    {
        h.Append("<div class=\"sp-component\" data-testid=\"component\"><div class=\"sp-row\"><span class=\"sp-name\">").Append(E(c.Name))
            .Append("</span><span class=\"sp-state sp-").Append(c.Status).Append("\">").Append(StatusText(c.Status)).Append("</span></div>");
        h.Append("<ol class=\"sp-bars\" aria-label=\"").Append(E(c.Name)).Append(": daily uptime, last ").Append(PageSnapshot.Days).Append(" days\">");
        for (var n = 0; n < c.Days.Count; n++)
        {
            var d = c.Days[n];
            var level = d.Worst is { } worst ? worst.ToString().ToLowerInvariant() : "none";
            var label = $"{d.Date:yyyy-MM-dd}: {Percent(d.Uptime)} uptime";
            h.Append("<li tabindex=\"0\" class=\"sp-bar sp-l-").Append(level).Append(n < c.Days.Count - PhoneDays ? " sp-old" : "").Append("\" aria-label=\"").Append(E(label))
                .Append(d.Incidents.Count == 0 ? ", no incidents" : $", {d.Incidents.Count} incident{(d.Incidents.Count == 1 ? "" : "s")}").Append("\">");
            h.Append("<span class=\"sp-tip\" role=\"tooltip\"><b>").Append(E(label)).Append("</b>");
            if (d.Incidents.Count == 0) h.Append("<br>No incidents");
            foreach (var name in d.Incidents) h.Append("<br>").Append(E(name));
            h.Append("</span></li>");
        }
        h.Append("</ol><div class=\"sp-legend\"><span><span class=\"sp-long\">").Append(PageSnapshot.Days).Append(" days ago</span><span class=\"sp-short\">")
            .Append(PhoneDays).Append(" days ago</span></span><span data-testid=\"uptime\">").Append(Percent(c.Uptime)).Append(" uptime</span><span>Today</span></div></div>");
    }

    /// <summary>The widget an allowed site frames: the page's name and overall state, linking to the page.</summary>
    public static string Widget(PageSnapshot s, string pageUrl) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + E(s.Page.Name) + "</title><style>" + WidgetCss + "</style></head><body>" +
        "<a class=\"w w-" + s.Indicator + "\" href=\"" + E(pageUrl) + "\" target=\"_blank\" rel=\"noopener\"><span class=\"dot\"></span><span><b>" + E(s.Page.Name) +
        "</b><br>" + E(s.Description) + "</span></a></body></html>";

    public static string MaintenanceText(MaintenanceState state) => state switch
    {
        MaintenanceState.InProgress => "In progress",
        MaintenanceState.Verifying => "Verifying",
        MaintenanceState.Completed => "Completed",
        _ => "Scheduled",
    };

    /// <summary>A small page of its own for the answers of the sign-up, confirm and unsubscribe links.</summary>
    public static string Message(string title, string text, string pageUrl, string? formAction = null, string? button = null) =>
        Small(title, "<p>" + E(text) + "</p>" +
            (formAction is null ? "" : "<form class=\"sp-form\" method=\"post\" action=\"" + E(formAction) + "\"><button type=\"submit\">" + E(button ?? "Confirm") + "</button></form>"),
            pageUrl);

    /// <summary>A subscriber's own page, from the link in every mail: which of the page's components to hear about.</summary>
    public static string Choice(SubscriptionChoice choice, string formAction, string pageUrl, string? notice = null)
    {
        var h = new StringBuilder();
        if (notice is not null) h.Append("<p role=\"status\"><strong>").Append(E(notice)).Append("</strong></p>");
        h.Append("<p>Mail about ").Append(E(choice.PageName)).Append(" reaches you for the components ticked below; none ticked means the whole page.</p>");
        h.Append("<form class=\"sp-form\" method=\"post\" action=\"").Append(E(formAction)).Append("\"><fieldset class=\"sp-choices\"><legend>Components</legend>");
        foreach (var c in choice.Components)
            h.Append("<label><input type=\"checkbox\" name=\"components\" value=\"").Append(E(c.Id)).Append('"').Append(c.Chosen ? " checked" : "").Append("> ")
                .Append(E(c.Name)).Append("</label>");
        h.Append("</fieldset><button type=\"submit\">Save</button></form>");
        return Small("Your subscription", h.ToString(), pageUrl);
    }

    private static string Small(string title, string body, string pageUrl) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + E(title) +
        "</title><link rel=\"stylesheet\" href=\"/pages/status.css\"></head><body><main class=\"sp\"><h1>" + E(title) + "</h1>" + body +
        "<p><a href=\"" + E(pageUrl) + "\">Back to the status page</a></p></main></body></html>";

    public static string StatusText(string status) => status switch
    {
        "major_outage" => "Major outage",
        "partial_outage" => "Partial outage",
        "degraded_performance" => "Degraded performance",
        "under_maintenance" => "Under maintenance",
        _ => "Operational",
    };

    private static string Title(PublicState state) => state.ToString();

    public static string Percent(double share) => (share * 100).ToString(share >= 0.99995 && share < 1 ? "0.000" : "0.00", CultureInfo.InvariantCulture) + " %";

    private static string Utc(DateTime at) => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    private static string Iso(DateTime at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>The app's one safe Markdown rendering (raw HTML shown as text, only web and mail links), for public postmortems.</summary>
    private static readonly MarkdownRenderer Markdown = new();

    private static string Text(string body) => E(body).ReplaceLineEndings("<br>");

    private const string WidgetCss =
        "body{margin:0;font:14px/1.4 system-ui,sans-serif}.w{display:flex;gap:.6em;align-items:center;padding:.6em .8em;color:#1a1a1a;background:#fff;border:1px solid #ccc;border-radius:6px;text-decoration:none}" +
        ".dot{width:.8em;height:.8em;border-radius:50%;background:#1b7f3b;flex:none}.w-minor .dot{background:#9a6700}.w-major .dot{background:#bc4c00}.w-critical .dot{background:#c62828}" +
        "@media (prefers-color-scheme:dark){.w{color:#f0f0f0;background:#1e1e1e;border-color:#555}}";

    /// <summary>The page's stylesheet: contrast AA in light and dark, bars that stay a finger wide on a phone.</summary>
    public const string Css = """
        :root{color-scheme:light dark;--fg:#1a1a1a;--muted:#555;--bg:#fff;--card:#f6f7f9;--line:#d0d4da;--ok:#1b7f3b;--deg:#9a6700;--part:#bc4c00;--major:#c62828;--none:#2e8b57;--maint:#1f5fa8}
        @media (prefers-color-scheme:dark){:root{--fg:#f0f0f0;--muted:#c2c2c2;--bg:#121212;--card:#1e1e1e;--line:#444;--ok:#5fd38a;--deg:#f2c14e;--part:#ff9e5e;--major:#ff7b7b;--none:#3fb56d;--maint:#8ab4f8}}
        *{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
        .sp{max-width:860px;margin:0 auto;padding:24px 16px}a{color:inherit}
        .sp-head{display:flex;gap:16px;align-items:center;margin-bottom:16px}.sp-logo{max-height:48px;max-width:160px}
        h1{font-size:1.7rem;margin:0}h2{font-size:1.25rem;margin:28px 0 10px}h3{font-size:1.05rem;margin:12px 0 6px}.sp-desc{margin:4px 0 0;color:var(--muted)}
        .sp-overall{padding:14px 18px;border-radius:8px;color:#fff;background:#1b7f3b}.sp-overall h2{margin:0;font-size:1.3rem}.sp-overall p{margin:4px 0 0}
        .sp-overall.sp-minor{background:#8a5a00}.sp-overall.sp-major{background:#a33f00}.sp-overall.sp-critical{background:#b71c1c}.sp-overall.sp-maintenance{background:#1f5fa8}
        .sp-incident{background:var(--card);border-left:4px solid var(--deg);border-radius:6px;padding:8px 14px;margin:10px 0}
        .sp-impact-major{border-color:var(--part)}.sp-impact-critical{border-color:var(--major)}.sp-impact-none{border-color:var(--line)}
        .sp-updates{list-style:none;padding:0;margin:0}.sp-updates li{margin:6px 0}.sp-updates time,.sp-affects,.sp-corrected{color:var(--muted);font-size:.9rem}
        .sp-group{border:1px solid var(--line);border-radius:8px;padding:4px 14px 10px;margin:10px 0}
        .sp-component{padding:10px 0;border-top:1px solid var(--line)}.sp-group h3+.sp-component{border-top:0}
        .sp-row{display:flex;justify-content:space-between;gap:8px;flex-wrap:wrap}.sp-name{font-weight:600}
        .sp-state{font-weight:600;color:var(--ok)}.sp-degraded_performance{color:var(--deg)}.sp-partial_outage{color:var(--part)}.sp-major_outage{color:var(--major)}.sp-under_maintenance{color:var(--maint)}
        .sp-bars{display:flex;gap:2px;list-style:none;padding:0;margin:8px 0 4px;height:34px}
        .sp-bar{flex:1;min-width:3px;border-radius:2px;background:var(--none);position:relative;outline-offset:2px}
        .sp-l-degraded{background:var(--deg)}.sp-l-partialoutage{background:var(--part)}.sp-l-majoroutage{background:var(--major)}
        .sp-bar:hover,.sp-bar:focus{outline:2px solid var(--fg)}
        .sp-tip{display:none;position:absolute;bottom:40px;left:50%;transform:translateX(-50%);z-index:2;width:max-content;max-width:240px;padding:6px 10px;border-radius:6px;background:var(--fg);color:var(--bg);font-size:.85rem;line-height:1.35}
        .sp-bar:hover .sp-tip,.sp-bar:focus .sp-tip{display:block}
        .sp-bar:nth-child(-n+12) .sp-tip{left:0;transform:none}.sp-bar:nth-last-child(-n+12) .sp-tip{left:auto;right:0;transform:none}
        .sp-legend{display:flex;justify-content:space-between;color:var(--muted);font-size:.85rem}.sp-short{display:none}
        .sp-form{display:flex;flex-wrap:wrap;gap:8px;align-items:center}.sp-form input{font:inherit;padding:6px 8px;min-width:240px;border:1px solid var(--muted);border-radius:4px;background:var(--bg);color:var(--fg)}
        .sp-form button{font:inherit;padding:6px 14px;border:0;border-radius:4px;background:#1f5fa8;color:#fff;cursor:pointer}
        .sp-postmortem{border-top:1px solid var(--line);margin-top:10px;padding-top:4px}.sp-postmortem h4{margin:6px 0 4px;font-size:1rem}
        .sp-md{overflow-wrap:anywhere}.sp-md pre,.sp-md table{display:block;max-width:100%;overflow-x:auto}.sp-md img{max-width:100%}.sp-md h1,.sp-md h2,.sp-md h3{font-size:1rem;margin:10px 0 4px}
        .sp-choices{flex-basis:100%;border:0;padding:0;margin:4px 0 0;display:flex;flex-wrap:wrap;gap:6px 18px}.sp-choices legend{padding:0;margin-bottom:4px;color:var(--muted);font-size:.95rem}
        .sp-choices label{display:inline-flex;gap:6px;align-items:center;min-height:32px}.sp-choices input{width:18px;height:18px;min-width:0;margin:0;padding:0}
        .sp-foot{margin-top:32px;padding-top:12px;border-top:1px solid var(--line);color:var(--muted);font-size:.9rem}
        @media (max-width:600px){.sp-old{display:none}.sp-long{display:none}.sp-short{display:inline}.sp-bars{gap:3px}.sp-bar{min-width:6px}
          .sp-bar:nth-last-child(-n+8) .sp-tip{left:auto;right:0;transform:none}.sp-bar:nth-child(n+61):nth-child(-n+68) .sp-tip{left:0;transform:none}}
        """;
}
