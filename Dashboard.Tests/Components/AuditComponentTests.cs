using Bunit;
using Dashboard.Data.Actions;
using Dashboard.Data.Audit;
using Dashboard.Data.Timeline;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Audit;
using Dashboard.Incidents;
using Dashboard.Api;

namespace Dashboard.Tests.Components;

public sealed class AuditComponentTests : MudTestContext
{
    private const string Cloudflare = "2025-11-18-cloudflare-bot-management";

    private async Task<int> IdAsync(string slug)
    {
        await using var db = Database.CreateDbContext();
        return await db.Incidents.Where(i => i.Slug == slug).Select(i => i.Id).SingleAsync();
    }

    [Fact]
    public async Task The_history_tab_lists_the_incidents_own_changes_and_follows_new_ones()
    {
        var id = await IdAsync(Cloudflare);
        var cut = Render<IncidentPage>(p => p.Add(x => x.Slug, Cloudflare));
        cut.WaitForAssertion(() => cut.Find("[data-testid=incident-title]"));
        cut.FindAll(".mud-tab").Single(t => t.TextContent.StartsWith("History")).Click();
        cut.WaitForAssertion(() => Assert.Contains("incident.created", cut.Find("[data-testid=audit-table]").TextContent));

        await Services.GetRequiredService<TimelineCommands>().AddAsync(Actor.Person("dana@example.com", Role.Responder), id,
            new EventInput { OccurredAt = "12:02", Text = "Rolled back the feature file" });

        cut.WaitForAssertion(() =>
        {
            var newest = cut.FindAll("tr.audit-row")[0].TextContent;
            Assert.Contains("timeline_event.created", newest);
            Assert.Contains("dana@example.com", newest);
            Assert.Contains("Text: Rolled back the feature file", newest);
        });
        // Only this incident's entries: the other seeded incidents' creation is not listed.
        Assert.DoesNotContain(cut.FindAll("tr.audit-row"), r => r.TextContent.Contains("catalog.seeded"));
    }

    [Fact]
    public async Task The_audit_page_reads_its_filters_from_the_address()
    {
        var id = await IdAsync(Cloudflare);
        var actions = Services.GetRequiredService<ActionQueries>();
        var action = (await actions.ListAsync(Actor.System, new ActionQuery(IncidentId: id))).Items[0];
        var input = (await actions.GetForEditAsync(Actor.System, action.Id))!.Value.Input;
        input.Owner = "sam";
        await Services.GetRequiredService<ActionCommands>().UpdateAsync(Actor.Person("erin@example.com", Role.Responder), action.Id, action.Version, input);

        Services.GetRequiredService<NavigationManager>().NavigateTo("audit?actor=erin@example.com&entity=action");
        var cut = Render<AuditPage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tr.audit-row")));
        var row = cut.Find("tr.audit-row").TextContent;
        Assert.Contains("action.updated", row);
        Assert.Contains(AuditCsv.Describe(new FieldChange("Owner", action.Owner, "sam")), row);
        Assert.Contains(Cloudflare, row);
        Assert.Equal("erin@example.com", cut.Find("input[data-testid=audit-actor]").GetAttribute("value"));
    }

    [Fact]
    public void A_filter_that_matches_nothing_says_so()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("audit?actor=nobody");
        var cut = Render<AuditPage>();

        cut.WaitForAssertion(() => Assert.Contains("No entry matches these filters", cut.Find("[data-testid=audit-empty]").TextContent));
    }

    [Fact]
    public void A_date_outside_the_supported_years_is_ignored_not_an_error()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("audit?from=0001-01-01&to=9999-12-31");
        var cut = Render<AuditPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("tr.audit-row")));
    }
}
