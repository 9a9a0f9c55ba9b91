using Bunit;
using Dashboard.Data.Postmortems;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Incidents;
using Dashboard.Postmortems;
using Dashboard.Api;

namespace Dashboard.Tests.Components;

public sealed class PostmortemPageTests : MudTestContext
{
    private const string Cloudflare = "2025-11-18-cloudflare-bot-management";

    private IRenderedComponent<PostmortemPage> Open(string slug)
    {
        var cut = Render<PostmortemPage>(p => p.Add(x => x.Slug, slug));
        cut.WaitForAssertion(() => cut.Find("[data-testid=postmortem-preview]"));
        return cut;
    }

    [Fact]
    public void The_preview_renders_the_saved_text_with_generated_tables_and_the_checks_beside_it()
    {
        var cut = Open(Cloudflare);

        var preview = cut.Find("[data-testid=postmortem-preview]");
        Assert.Equal("Postmortem: Global 5xx errors from an oversized Bot Management feature file", preview.QuerySelector("h1")!.TextContent);
        Assert.Contains(preview.QuerySelectorAll("td"), td => td.TextContent == "Time to resolve"); // {{metrics}}
        Assert.Contains(preview.QuerySelectorAll("td"), td => td.TextContent == "Harden ingestion of Cloudflare-generated configuration files"); // {{actions}}
        Assert.Equal("Draft", cut.Find("[data-testid=postmortem-status]").TextContent.Trim());
        Assert.Equal(8, cut.FindAll(".quality-check").Count); // seven checks of the record and the text, and the hindsight wording
        Assert.Equal("true", cut.Find("[data-testid=check-empty-sections]").GetAttribute("data-passed"));
        Assert.Empty(cut.FindAll("[data-testid=unsaved]"));
    }

    [Fact]
    public async Task Typing_pauses_update_the_preview_and_flag_unsaved_changes()
    {
        var cut = Open(Cloudflare);
        var editor = cut.FindComponent<MarkdownEditor>();

        await cut.InvokeAsync(() => editor.Instance.EditorPaused(TextStream.Of("# New title\n\n## Root cause\n\n{{timeline:all}}\n")));

        Assert.Equal("New title", cut.Find("[data-testid=postmortem-preview] h1").TextContent);
        Assert.Equal(20 + 1, cut.FindAll("[data-testid=postmortem-preview] tr").Count); // every event, plus the header
        Assert.NotNull(cut.Find("[data-testid=unsaved]"));
        Assert.Equal("false", cut.Find("[data-testid=check-root-cause-impact]").GetAttribute("data-passed"));
    }

    [Fact]
    public async Task An_incident_without_a_postmortem_starts_from_the_template_without_asking_to_save_it()
    {
        var doc = (await Services.GetRequiredService<PostmortemQueries>().GetAsync(Actor.System, Cloudflare))!;
        await Services.GetRequiredService<PostmortemCommands>().SaveAsync(TestServices.Owner, doc.IncidentId, doc.Version, "  "); // blank: no postmortem

        var cut = Open(Cloudflare);
        Assert.Contains("## Where we got lucky", cut.Find("[data-testid=postmortem-editor]").GetAttribute("value"));
        Assert.NotNull(cut.Find("[data-testid=from-template]"));
        Assert.Empty(cut.FindAll("[data-testid=unsaved]")); // only viewing it must not make leaving ask
        Assert.Equal("false", cut.Find("[data-testid=check-empty-sections]").GetAttribute("data-passed"));
    }

    [Fact]
    public async Task A_published_postmortem_is_read_only_with_only_a_reopen()
    {
        var commands = Services.GetRequiredService<PostmortemCommands>();
        var id = (await Services.GetRequiredService<PostmortemQueries>().GetAsync(Actor.System, Cloudflare))!.IncidentId;
        await commands.TransitionAsync(Actor.Person("ana", Role.Responder), id, PostmortemStatus.Draft, PostmortemStatus.InReview, null);
        await commands.TransitionAsync(Actor.Person("ben", Role.Admin), id, PostmortemStatus.InReview, PostmortemStatus.Published, null);

        var cut = Open(Cloudflare);

        Assert.True(cut.Find("[data-testid=postmortem-editor]").HasAttribute("readonly"));
        Assert.Contains("Published and locked by ben", cut.Find("[data-testid=locked]").TextContent);
        Assert.True(cut.Find("[data-testid=save]").HasAttribute("disabled"));
        Assert.Equal(["Reopen"], cut.FindAll("[data-testid^=move-]").Select(b => b.TextContent.Trim()));
        Assert.Contains("In review → Published by ben", cut.Find("[data-testid=workflow-history]").TextContent);
    }

    [Fact]
    public void The_quality_panel_links_each_problem_to_where_it_is_fixed()
    {
        var report = new QualityReport(
        [
            new("phases-missing", "Phase times recorded", [new("The detected time is missing.", FixPlace.IncidentForm)]),
            new("silent-gaps", "No silent gaps", [new("No events for 45 m.", FixPlace.Timeline)]),
            new("actions-incomplete", "Owners", [new("“X” has no owner.", FixPlace.Actions)]),
            new("empty-sections", "Sections", [new("“Detection” is empty.", FixPlace.Document, 42)]),
            new("phases-order", "Order", []),
        ]);
        int? wentTo = null;
        var cut = Render<QualityPanel>(p => p.Add(x => x.Report, report).Add(x => x.Slug, "x").Add(x => x.GoToLine, line => wentTo = line));

        Assert.Equal("20 / 100", cut.Find("[data-testid=quality-score]").TextContent.Trim());
        Assert.Equal("incidents/x/edit", cut.Find("[data-testid=check-phases-missing] a").GetAttribute("href"));
        Assert.Equal("incidents/x?tab=timeline", cut.Find("[data-testid=check-silent-gaps] a").GetAttribute("href"));
        Assert.Equal("incidents/x?tab=actions", cut.Find("[data-testid=check-actions-incomplete] a").GetAttribute("href"));
        cut.Find("[data-testid=check-empty-sections] .mud-link").Click();
        Assert.Equal(42, wentTo);
        Assert.Equal("true", cut.Find("[data-testid=check-phases-order]").GetAttribute("data-passed"));
    }

    [Fact]
    public async Task Typing_back_to_the_saved_text_is_not_unsaved_and_a_text_over_the_limit_is_named_not_sent()
    {
        var cut = Open(Cloudflare);
        var editor = cut.FindComponent<MarkdownEditor>();
        var saved = cut.Find("[data-testid=postmortem-editor]").GetAttribute("value")!;

        await cut.InvokeAsync(() => editor.Instance.EditorPaused(TextStream.Of(saved + "x")));
        Assert.NotNull(cut.Find("[data-testid=unsaved]"));
        await cut.InvokeAsync(() => editor.Instance.EditorPaused(TextStream.Of(saved)));
        Assert.Empty(cut.FindAll("[data-testid=unsaved]"));

        await cut.InvokeAsync(() => editor.Instance.EditorTooLong(1_200_000));
        Assert.Contains("1,200,000 characters long; the limit is 1,000,000", cut.Find("[data-testid=editor-notice]").TextContent);
        Assert.NotNull(cut.Find("[data-testid=unsaved]"));
    }
}
