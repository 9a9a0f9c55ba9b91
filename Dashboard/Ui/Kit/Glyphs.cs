using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Ui.Kit;

/// <summary>
/// Decorative icons with MudIcon's markup (its classes) but no component: rows of lists repeat them,
/// and each component is kept by every viewer's circuit (see docs/development.md, "Speed under load").
/// </summary>
public static class Glyphs
{
    /// <param name="icon">The inner SVG, as MudBlazor's <see cref="Icons"/> give it.</param>
    /// <param name="title">Said by screen readers and shown on hover; without one the icon is hidden from them.</param>
    public static RenderFragment Of(string icon, Size size = Size.Small, Color color = Color.Inherit, string? cls = null, string? title = null) => builder =>
    {
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", $"mud-icon-root {ColorClass(color)} mud-svg-icon mud-icon-size-{size.ToString().ToLowerInvariant()} {cls}".TrimEnd());
        builder.AddAttribute(2, "focusable", "false");
        builder.AddAttribute(3, "viewBox", "0 0 24 24");
        builder.AddAttribute(4, "role", "img");
        if (title is null) builder.AddAttribute(5, "aria-hidden", "true");
        else
        {
            builder.OpenElement(6, "title");
            builder.AddContent(7, title);
            builder.CloseElement();
        }
        builder.AddMarkupContent(8, icon);
        builder.CloseElement();
    };

    private static string ColorClass(Color color) => color switch
    {
        Color.Inherit => "",
        Color.Default => "mud-icon-default",
        _ => $"mud-{color.ToString().ToLowerInvariant()}-text",
    };
}
