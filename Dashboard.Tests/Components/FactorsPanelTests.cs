using Bunit;
using Dashboard.Factors;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Components;

public sealed class FactorsPanelTests : MudTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private async Task<int> IncidentIdAsync(string slug)
    {
        await using var db = Database.CreateDbContext();
        return await db.Incidents.Where(i => i.Slug == slug).Select(i => i.Id).SingleAsync();
    }

    [Fact]
    public async Task The_panel_lists_each_factor_with_its_category_evidence_and_actions()
    {
        var id = await IncidentIdAsync("2025-10-20-aws-us-east-1-dynamodb-dns");

        var cut = Render<FactorsPanel>(p => p.Add(x => x.IncidentId, id));

        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=factor]").Count), Wait);
        var first = cut.FindAll("[data-testid=factor]")[0];
        Assert.Equal("latent defect", first.QuerySelector("[data-testid=factor-category]")!.TextContent.Trim());
        Assert.Contains("2025-10-20 06:48", first.QuerySelector("[data-testid=factor-evidence]")!.TextContent);
        Assert.Contains("Fix the DynamoDB DNS race condition before re-enabling the automation (In progress)", first.QuerySelector("[data-testid=factor-actions]")!.TextContent);
    }

    [Fact]
    public async Task Adding_a_factor_through_the_dialog_shows_it_and_a_missing_statement_is_refused_at_its_field()
    {
        var id = await IncidentIdAsync("2025-10-09-azure-front-door");
        var cut = Render<FactorsPanel>(p => p.Add(x => x.IncidentId, id));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=factor]").Count), Wait);
        var provider = Render<MudBlazor.MudDialogProvider>();

        cut.Find("[data-testid=add-factor]").Click();
        provider.WaitForAssertion(() => provider.Find("[data-testid=factor-save]"), Wait);
        provider.Find("[data-testid=factor-save]").Click();
        provider.WaitForAssertion(() => Assert.Contains("Say what contributed, in a sentence.", provider.Markup), Wait);

        provider.Find("textarea[data-testid=factor-statement-input]").Change("The status page gave no regional detail");
        // The category select's options open in a popover; choosing one is its ValueChanged.
        var category = provider.FindComponents<MudBlazor.MudSelect<string>>()[0];
        await category.InvokeAsync(() => category.Instance.ValueChanged.InvokeAsync("communication"));
        provider.Find("[data-testid=factor-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=factor]").Count), Wait);
        Assert.Contains("communication", cut.FindAll("[data-testid=factor]")[2].TextContent);
    }
}
