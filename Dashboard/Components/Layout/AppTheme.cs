using MudBlazor;

namespace Dashboard.Components.Layout;

public static class AppTheme
{
    // System fonts: the app is self-hosted and must not fetch web fonts from the internet.
    public static readonly MudTheme Theme = new()
    {
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
        PaletteLight = new PaletteLight { Primary = "#3949ab", AppbarBackground = "#283593" },
    };
}
