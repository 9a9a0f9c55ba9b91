using Bunit;
using Dashboard.Postmortems;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Components;

public sealed class SurprisesPanelTests : MudTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task The_panel_shows_the_saved_text_and_saves_an_edit()
    {
        int id;
        await using (var db = Database.CreateDbContext())
            id = await db.Incidents.Where(i => i.Slug == "2025-10-09-azure-front-door").Select(i => i.Id).SingleAsync();
        var snackbars = Render<MudBlazor.MudSnackbarProvider>();
        var cut = Render<SurprisesPanel>(p => p.Add(x => x.IncidentId, id));
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=surprises-save]").HasAttribute("disabled")), Wait);

        cut.Find("textarea[data-testid=surprises-text]").Input("The health checks passed.");
        cut.Find("[data-testid=surprises-save]").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("What surprised us saved.", snackbars.Markup), Wait);
        Assert.True(cut.Find("[data-testid=surprises-save]").HasAttribute("disabled")); // saved: nothing left to save
        await using var check = Database.CreateDbContext();
        Assert.Equal("The health checks passed.", await check.Incidents.Where(i => i.Id == id).Select(i => i.WhatSurprisedUs).SingleAsync());
    }
}
