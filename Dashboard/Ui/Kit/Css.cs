namespace Dashboard.Ui.Kit;

/// <summary>
/// MudBlazor's classes for markup written by hand where a component per element costs too much
/// (table rows; see <see cref="Chips"/>), so it looks the same as the component would.
/// </summary>
public static class Css
{
    /// <summary>MudLink's look, as <c>&lt;MudLink&gt;</c> renders it.</summary>
    public const string Link = "mud-typography mud-link mud-primary-text mud-link-underline-hover";
}
