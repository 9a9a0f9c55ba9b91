using Dashboard.Data.Domain;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Shared;

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
}
