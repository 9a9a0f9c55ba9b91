using Bunit;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Dashboard.Postmortems;
using Dashboard.Ui.Kit;

namespace Dashboard.Tests.Hostile;

public sealed class ErrorBoundaryTests : MudTestContext
{
    /// <summary>Fails to render while <see cref="Broken"/> is set, like a part hit by bad data.</summary>
    private sealed class Fragile : ComponentBase
    {
        public static bool Broken { get; set; }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            if (Broken) throw new InvalidOperationException("bad data");
            builder.AddMarkupContent(0, "<p data-testid=\"fragile\">fine</p>");
        }
    }

    [Fact]
    public void A_failing_part_shows_a_message_with_an_error_id_and_retry_renders_it_again()
    {
        Fragile.Broken = true;
        var cut = Render<SafeBoundary>(p => p.Add(b => b.What, "Timeline tab").AddChildContent<Fragile>());

        Assert.Contains("This Timeline tab could not be shown.", cut.Find("[data-testid=error-boundary]").TextContent);
        Assert.Matches("^[0-9a-f]{8}$", cut.Find("[data-testid=error-id]").TextContent);

        Fragile.Broken = false;
        cut.Find("[data-testid=error-retry]").Click();

        Assert.Equal("fine", cut.Find("[data-testid=fragile]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=error-boundary]"));
    }

    [Fact]
    public async Task A_failure_in_a_call_from_the_editor_script_reaches_the_boundary_instead_of_vanishing_in_the_browser()
    {
        var cut = Render<SafeBoundary>(p => p.Add(b => b.What, "page").AddChildContent<Dashboard.Postmortems.MarkdownEditor>(e => e
            .Add(x => x.InitialText, "text").Add(x => x.DraftKey, "test-draft")
            .Add(x => x.Paused, (string _) => throw new InvalidOperationException("preview failed"))));
        var editor = cut.FindComponent<Dashboard.Postmortems.MarkdownEditor>();

        await cut.InvokeAsync(() => editor.Instance.EditorPaused(TextStream.Of("typed")));

        Assert.Contains("This page could not be shown.", cut.Find("[data-testid=error-boundary]").TextContent);
    }
}
