using Microsoft.AspNetCore.Components;
using MudBlazor;
using Severity = Dashboard.Data.Kernel.Severity;

namespace Dashboard.Ui.Kit;

/// <summary>
/// Small read-only chips with MudChip's look (its CSS classes) but no component at all: lists and
/// tables render hundreds of them, and a component per chip (MudChip's, or even a small one of ours)
/// is a large share of what a list page costs to render under load (see docs/development.md, "Speed under load").
/// The colours of each status are decided here, once.
/// </summary>
public static class Chips
{
    public static RenderFragment Severity(Severity severity) => Render(Labels.Of(severity), severity switch
    {
        Data.Kernel.Severity.Sev1 => Color.Error,
        Data.Kernel.Severity.Sev2 => Color.Warning,
        Data.Kernel.Severity.Sev3 => Color.Info,
        _ => Color.Default,
    });

    public static RenderFragment Status(IncidentStatus status) => Render(status.ToString(), status switch
    {
        IncidentStatus.Investigating or IncidentStatus.Identified => Color.Error,
        IncidentStatus.Monitoring => Color.Warning,
        _ => Color.Success,
    }, Variant.Outlined);

    /// <summary>Where a postmortem is in review, in the same colours everywhere.</summary>
    public static RenderFragment Postmortem(PostmortemStatus status, string testId = "postmortem-status") => Render(Labels.Of(status), status switch
    {
        PostmortemStatus.Published => Color.Success,
        PostmortemStatus.InReview => Color.Info,
        _ => Color.Default,
    }, status == PostmortemStatus.Published ? Variant.Filled : Variant.Outlined, testId);

    public static RenderFragment Action(ActionStatus status) => Render(Labels.Of(status), status switch
    {
        ActionStatus.Open => Color.Warning,
        ActionStatus.InProgress => Color.Info,
        ActionStatus.Done => Color.Success,
        _ => Color.Default,
    }, Variant.Outlined);

    /// <summary>A chip for any other short label, such as "archived".</summary>
    public static RenderFragment Of(string text) => Render(text, Color.Default);

    private static RenderFragment Render(string text, Color color, Variant variant = Variant.Filled, string? testId = null) => builder =>
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", "mud-chip-container");
        builder.OpenElement(2, "span");
        builder.AddAttribute(3, "class", $"mud-chip mud-chip-{(variant == Variant.Outlined ? "outlined" : "filled")} mud-chip-size-small mud-chip-color-{color.ToString().ToLowerInvariant()} ma-0");
        builder.AddAttribute(4, "data-testid", testId);
        builder.OpenElement(5, "span");
        builder.AddAttribute(6, "class", "mud-chip-content");
        builder.AddContent(7, text);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };
}
