using MudBlazor;

namespace Dashboard.Ui.Layout;

/// <summary>
/// The app's two palettes. Every colour that carries text (chips, outlined buttons, links, captions)
/// meets WCAG AA (4.5:1) on the surface it sits on: MudBlazor's defaults do not (its warning chip
/// is 2.1:1 on white), so the light palette darkens them and the dark one uses light tints with
/// dark text on filled chips. The axe tests check both (AccessibilityBrowserTests).
/// </summary>
public static class AppTheme
{
    // System fonts: the app is self-hosted and must not fetch web fonts from the internet.
    public static readonly MudTheme Theme = new()
    {
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab", AppbarBackground = "#283593",
            Error = "#c62828", Warning = "#a84f00", Success = "#2e7d32", Info = "#0271b0",
            TextSecondary = "rgba(0,0,0,0.64)", ActionDefault = "rgba(0,0,0,0.64)",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#9fa8da", PrimaryContrastText = "#10121a",
            Secondary = "#80cbc4", SecondaryContrastText = "#10121a",
            Tertiary = "#ce93d8", TertiaryContrastText = "#10121a",
            Error = "#ef9a9a", ErrorContrastText = "#10121a",
            Warning = "#ffb74d", WarningContrastText = "#10121a",
            Success = "#81c784", SuccessContrastText = "#10121a",
            Info = "#81d4fa", InfoContrastText = "#10121a",
            Dark = "#2c2f3a",
            Background = "#121318", BackgroundGray = "#272a33", Surface = "#1d1f27",
            AppbarBackground = "#1f2547", AppbarText = "#ffffff",
            DrawerBackground = "#181a21", DrawerText = "rgba(255,255,255,0.87)", DrawerIcon = "rgba(255,255,255,0.80)",
            TextPrimary = "rgba(255,255,255,0.92)", TextSecondary = "rgba(255,255,255,0.72)", TextDisabled = "rgba(255,255,255,0.50)",
            ActionDefault = "rgba(255,255,255,0.80)", ActionDisabled = "rgba(255,255,255,0.38)", ActionDisabledBackground = "rgba(255,255,255,0.12)",
            LinesDefault = "rgba(255,255,255,0.16)", LinesInputs = "rgba(255,255,255,0.50)", TableLines = "rgba(255,255,255,0.12)",
            TableStriped = "rgba(255,255,255,0.03)", TableHover = "rgba(255,255,255,0.06)", Divider = "rgba(255,255,255,0.16)",
            OverlayLight = "rgba(18,19,24,0.5)",
        },
    };
}
