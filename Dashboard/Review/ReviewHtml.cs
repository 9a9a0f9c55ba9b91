using System.Globalization;
using System.Net;
using System.Text;
using Dashboard.Data.Review;
using Dashboard.Incidents;
using Dashboard.Ui.Kit;

namespace Dashboard.Review;

/// <summary>
/// The review pack as one standalone HTML file with print styles: it can be mailed, archived or
/// printed to PDF. Every value is HTML-encoded.
/// </summary>
public static class ReviewHtml
{
    public static string Render(ReviewReport r, DateTime generatedUtc)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Reliability review</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222}h1{margin-bottom:0}table{border-collapse:collapse;margin:0.5rem 0 1.5rem;width:100%}")
            .Append("th,td{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}.kpis{display:flex;flex-wrap:wrap;gap:1rem}")
            .Append(".kpi{border:1px solid #ddd;border-radius:6px;padding:0.5rem 1rem;min-width:10rem}.kpi b{font-size:1.4rem;display:block}.muted{color:#666;font-size:0.85rem}")
            .Append("@media print{@page{size:A4;margin:14mm}section{break-inside:avoid}}</style></head><body>");
        html.Append($"<h1>Reliability review</h1><p class=\"muted\">{E(ReviewFilter.Describe(r.Query))} · generated {E(UtcTime.Format(generatedUtc))} UTC</p>");

        html.Append("<section><div class=\"kpis\">");
        Kpi(html, "Incidents", r.Incidents.ToString(CultureInfo.InvariantCulture));
        Kpi(html, "Customer impact", Durations.Format(TimeSpan.FromMinutes(r.ImpactMinutes)));
        Kpi(html, "Actions open", r.Actions.Open.ToString(CultureInfo.InvariantCulture));
        Kpi(html, "Actions overdue", r.Actions.Overdue.ToString(CultureInfo.InvariantCulture));
        Kpi(html, "Actions done in period", r.Actions.DoneInPeriod.ToString(CultureInfo.InvariantCulture));
        Kpi(html, "Won't do", r.Actions.WontDo.ToString(CultureInfo.InvariantCulture));
        Kpi(html, "Action completion", r.Actions.CompletionRate is { } c ? (c * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "—");
        Kpi(html, "No published postmortem", r.WithoutPublishedPostmortem.ToString(CultureInfo.InvariantCulture));
        html.Append("</div><p class=\"muted\">Customer impact merges overlapping windows of a service. Completion = done ÷ (all − won't do), for follow-ups of the period's incidents.</p></section>");

        html.Append("<section><h2>Detection and recovery by severity</h2><table><tr><th>Severity</th><th>Incidents</th><th>Time to detect (median · p90)</th><th>Time to mitigate</th><th>Time to resolve</th></tr>");
        foreach (var s in r.BySeverity)
            html.Append($"<tr><td>{Labels.Of(s.Severity)}</td><td>{s.Incidents}</td><td>{Stat(s.Detect)}</td><td>{Stat(s.Mitigate)}</td><td>{Stat(s.Resolve)}</td></tr>");
        html.Append("</table><p class=\"muted\">From the start of impact (or trigger); n is the sample size; incidents without the phase time are counted as missing, not as zero. Median intervals: " + E(DurationStatistics.IntervalName) + ".</p></section>");

        if (r.Previous is { } previous)
        {
            html.Append($"<section><h2>Compared with {previous.From:yyyy-MM-dd} to {previous.To.AddTicks(-1):yyyy-MM-dd}</h2><table><tr><th>Time</th><th>This period</th><th>Period before</th><th>Difference</th></tr>");
            foreach (var p in r.Phases)
                html.Append($"<tr><td>{E(DurationStripBuilder.Label(p.Phase))}</td><td>{Stat(p.Current)}</td><td>{(p.Previous is { } b ? Stat(b) : "")}</td><td>{E(p.Difference?.Verdict ?? "")}</td></tr>");
            html.Append("</table></section>");
        }

        html.Append("<section><h2>Services most affected</h2><table><tr><th>Service</th><th>Incidents</th><th>Impact</th></tr>");
        foreach (var s in r.TopServicesByImpact)
            html.Append($"<tr><td>{E(s.Name)}</td><td>{s.Incidents}</td><td>{E(Durations.Format(TimeSpan.FromMinutes(Math.Round(s.ImpactMinutes))))}</td></tr>");
        html.Append("</table></section>");

        html.Append("<section><h2>Per month (UTC)</h2><table><tr><th>Month</th><th>Incidents</th><th>Median time to resolve (n)</th><th>Actions opened</th><th>Actions closed</th><th>Open at month end</th></tr>");
        foreach (var m in r.Months)
            html.Append($"<tr><td>{m.Month:yyyy-MM}</td><td>{m.IncidentsBySeverity.Values.Sum()}</td><td>{E(m.MedianResolveMinutes is { } v ? Durations.Format(TimeSpan.FromMinutes(Math.Round(v))) + $" (n = {m.ResolvedCount})" : "—")}</td><td>{m.ActionsOpened}</td><td>{m.ActionsClosed}</td><td>{m.OpenAtMonthEnd}</td></tr>");
        html.Append("</table></section>");

        html.Append("<section><h2>Incidents</h2><table><tr><th>Severity</th><th>Incident</th><th>Started (UTC)</th><th>Duration</th><th>Postmortem</th><th>Actions done</th></tr>");
        foreach (var i in r.IncidentList)
            html.Append($"<tr><td>{Labels.Of(i.Severity)}</td><td><b>{E(i.Title)}</b><br><span class=\"muted\">{E(i.Organisation)} · {E(i.OneLine)}</span></td>")
                .Append($"<td>{E(i.StartedAt is { } t ? UtcTime.Format(t) : "—")}</td><td>{E(Durations.Format(i.DurationMinutes is { } d ? TimeSpan.FromMinutes(Math.Round(d)) : null))}</td>")
                .Append($"<td>{E(Labels.Of(i.PostmortemStatus))}</td><td>{i.ActionsDone} / {i.ActionsTotal}</td></tr>");
        html.Append("</table></section></body></html>");
        return html.ToString();
    }

    private static void Kpi(StringBuilder html, string label, string value) =>
        html.Append($"<div class=\"kpi\"><span class=\"muted\">{E(label)}</span><b>{E(value)}</b></div>");

    private static string Stat(DurationStat s) =>
        E($"{Format(s.MedianMinutes)} · {Format(s.P90Minutes)} · n = {s.Measured}{(s.MedianInterval is { } ci ? $" · 95% CI {Format(ci.Low)} – {Format(ci.High)}" : "")}{(s.Missing > 0 ? $" ({s.Missing} missing)" : "")}");

    private static string Format(double? minutes) => minutes is { } m ? Durations.Format(TimeSpan.FromMinutes(Math.Round(m))) : "—";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
