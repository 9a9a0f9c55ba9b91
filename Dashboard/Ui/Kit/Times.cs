using Microsoft.AspNetCore.Components;

namespace Dashboard.Ui.Kit;

/// <summary>
/// Times are always shown with their date and zone: incidents cross midnight and span days. A
/// fragment, not a component, because tables show one per row (see <see cref="Chips"/> for why).
/// </summary>
public static class Times
{
    /// <summary>"2025-11-18 11:20 UTC", with the ISO time as its tooltip; <paramref name="missing"/> when there is none.</summary>
    public static RenderFragment Utc(DateTime? value, string missing = "—") => builder =>
    {
        builder.OpenElement(0, "span");
        if (value is { } t)
        {
            builder.AddAttribute(1, "class", "nowrap");
            builder.AddAttribute(2, "title", t.ToString("yyyy-MM-ddTHH:mm:ssZ"));
            builder.AddContent(3, UtcTime.Format(t) + " ");
            builder.OpenElement(4, "small");
            builder.AddContent(5, "UTC");
            builder.CloseElement();
        }
        else
        {
            builder.AddAttribute(6, "class", "mud-text-secondary");
            builder.AddContent(7, missing);
        }
        builder.CloseElement();
    };

    /// <summary>
    /// An absolute UTC time with how long ago or ahead it is beside it: "2025-11-18 11:20 UTC · 3 days ago".
    /// <paramref name="now"/> comes from the app's TimeProvider, so tests pin it.
    /// </summary>
    public static RenderFragment When(DateTime? value, DateTime now, string missing = "—") => value is { } t
        ? Relative(Utc(t), RelativeTime.Of(t, now))
        : Missing(missing);

    /// <summary>A date with how far ahead or ago it is: "2026-01-20 · in 5 days".</summary>
    public static RenderFragment When(DateOnly? date, DateTime now, string missing = "—") => date is { } d
        ? Relative(builder =>
        {
            builder.OpenElement(0, "span");
            builder.AddAttribute(1, "class", "nowrap");
            builder.AddContent(2, d.ToString("yyyy-MM-dd"));
            builder.CloseElement();
        }, RelativeTime.Of(d, DateOnly.FromDateTime(now)))
        : Missing(missing);

    private static RenderFragment Relative(RenderFragment absolute, string relative) => builder =>
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", "when");
        builder.AddContent(2, absolute);
        builder.AddContent(3, " ");
        builder.OpenElement(4, "span");
        builder.AddAttribute(5, "class", "when-relative");
        builder.AddContent(6, "· " + relative);
        builder.CloseElement();
        builder.CloseElement();
    };

    private static RenderFragment Missing(string text) => builder =>
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", "mud-text-secondary nowrap");
        builder.AddContent(2, text);
        builder.CloseElement();
    };
}
