using Dashboard.Data.Incidents;
using Dashboard.Data.Review;
using Dashboard.Data.Themes;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Themes;

/// <summary>Themes on a real, seeded store: the door's rules and audit, tags on incidents and factors, the theme page and the review, and the read rule for private incidents.</summary>
public class ThemeTests : DataTest
{
    private const string Cloudflare = "2025-11-18-cloudflare-bot-management";
    private const string CloudflareDecember = "2025-12-05-cloudflare-waf-killswitch";
    private static readonly Actor Ana = Actor.Person("ana@example.com", Role.Responder) with { UserId = "ana" };
    private static readonly Actor Admin = TestServices.Owner;

    private ThemeCommands Commands => App.Get<ThemeCommands>();
    private ThemeQueries Queries => App.Get<ThemeQueries>();

    private async Task<int> MakeAsync(string name, string description = "")
    {
        var made = await Commands.CreateAsync(Admin, new ThemeInput { Name = name, Description = description });
        Assert.True(made.Succeeded, string.Join("; ", made.Errors.Values));
        return made.Id!.Value;
    }

    private async Task<string[]> AuditedAsync()
    {
        await using var db = App.Database.CreateDbContext();
        return await db.AuditEntries.Where(e => e.Action.StartsWith("theme.") || e.Action.EndsWith(".themes_changed")).OrderBy(e => e.Id).Select(e => e.Action).ToArrayAsync();
    }

    [Fact]
    public async Task Admins_make_rename_and_delete_themes_through_the_door_and_each_write_is_audited()
    {
        Assert.Equal(Outcome.Forbidden, (await Commands.CreateAsync(Ana, new ThemeInput { Name = "Config pushes" })).Outcome);
        var id = await MakeAsync("Config pushes", "Global configuration that reaches every machine at once.");
        var duplicate = await Commands.CreateAsync(Admin, new ThemeInput { Name = "config PUSHES" });
        Assert.Equal(Outcome.Invalid, duplicate.Outcome);
        Assert.Contains("already a theme", duplicate.Errors["Name"]);
        Assert.Equal(Outcome.Invalid, (await Commands.CreateAsync(Admin, new ThemeInput { Name = " " })).Outcome);

        var theme = Assert.Single(await Queries.ListAsync(Admin));
        var renamed = await Commands.UpdateAsync(Admin, id, theme.Version, new ThemeInput { Name = "Configuration pushes", Description = theme.Description });
        Assert.True(renamed.Succeeded);
        Assert.Equal(Outcome.Conflict, (await Commands.UpdateAsync(Admin, id, theme.Version, new ThemeInput { Name = "Stale" })).Outcome);
        Assert.Equal("Configuration pushes", Assert.Single(await Queries.ListAsync(Ana)).Name);
        Assert.True((await Commands.DeleteAsync(Admin, id, renamed.Version!.Value)).Succeeded);

        Assert.Empty(await Queries.ListAsync(Admin));
        Assert.Equal(new[] { "theme.created", "theme.updated", "theme.deleted" }, await AuditedAsync());
    }

    [Fact]
    public async Task An_incident_is_under_a_theme_it_or_one_of_its_factors_carries_and_the_theme_page_lists_it()
    {
        var id = await MakeAsync("Config pushes");
        var november = await App.IncidentIdAsync(Cloudflare);
        var december = await App.IncidentIdAsync(CloudflareDecember);
        int factorId;
        await using (var db = App.Database.CreateDbContext())
            factorId = await db.Factors.Where(f => f.IncidentId == december).OrderBy(f => f.SortOrder).Select(f => f.Id).FirstAsync();

        Assert.True((await Commands.SetForIncidentAsync(Ana, november, [id])).Succeeded);
        Assert.True((await Commands.SetForFactorAsync(Ana, december, factorId, [id])).Succeeded);
        Assert.Equal(Outcome.NotFound, (await Commands.SetForFactorAsync(Ana, november, factorId, [id])).Outcome); // not that incident's factor

        var page = await Queries.GetAsync(Ana, id);
        Assert.NotNull(page);
        Assert.Equal(new[] { CloudflareDecember, Cloudflare }, page.Incidents.Select(i => i.Slug));
        Assert.True(page.Incidents[1].Tagged);
        Assert.False(page.Incidents[0].Tagged);
        Assert.Single(page.Incidents[0].Factors);
        Assert.Equal(2, Assert.Single(await Queries.ListAsync(Ana)).Incidents);
        var onIncident = await Queries.ForIncidentAsync(Ana, december);
        Assert.Empty(onIncident.Incident);
        Assert.Equal("Config pushes", Assert.Single(onIncident.Factors[factorId]).Name);

        Assert.True((await Commands.SetForIncidentAsync(Ana, november, [])).Succeeded);
        Assert.Equal(new[] { CloudflareDecember }, (await Queries.GetAsync(Ana, id))!.Incidents.Select(i => i.Slug));
        Assert.Equal(new[] { "theme.created", "incident.themes_changed", "factor.themes_changed", "incident.themes_changed" }, await AuditedAsync());
    }

    [Fact]
    public async Task The_review_counts_the_periods_incidents_per_theme_and_those_with_open_actions()
    {
        var pushes = await MakeAsync("Config pushes");
        var dns = await MakeAsync("DNS");
        var november = await App.IncidentIdAsync(Cloudflare);
        var december = await App.IncidentIdAsync(CloudflareDecember);
        await Commands.SetForIncidentAsync(Ana, november, [pushes]);
        await Commands.SetForIncidentAsync(Ana, december, [pushes, dns]);
        await using (var db = App.Database.CreateDbContext())
            await db.RemediationActions.Where(a => a.IncidentId == december).ExecuteUpdateAsync(a => a.SetProperty(x => x.Status, ActionStatus.Done));

        var all = await Queries.ReviewAsync(Ana, new ReviewQuery());
        var december2025 = await Queries.ReviewAsync(Ana, new ReviewQuery(new DateTime(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));

        var first = all[0];
        Assert.Equal("Config pushes", first.Name);
        Assert.Equal(2, first.Incidents.Count);
        Assert.Equal(1, first.WithOpenActions); // November's actions are open; December's were all done above
        Assert.Equal(new[] { "Config pushes", "DNS" }, december2025.Select(t => t.Name));
        Assert.All(december2025, t => Assert.Equal(0, t.WithOpenActions));
    }

    [Fact]
    public async Task A_private_incident_under_a_theme_is_neither_listed_nor_counted_for_those_who_may_not_see_it()
    {
        var id = await MakeAsync("Config pushes");
        var november = await App.IncidentIdAsync(Cloudflare);
        await Commands.SetForIncidentAsync(Ana, november, [id]);
        await using (var db = App.Database.CreateDbContext())
            await db.Incidents.Where(i => i.Id == november).ExecuteUpdateAsync(i => i.SetProperty(x => x.IsPrivate, true));

        Assert.Equal(0, Assert.Single(await Queries.ListAsync(Ana)).Incidents);
        Assert.Empty((await Queries.GetAsync(Ana, id))!.Incidents);
        Assert.Empty(await Queries.ReviewAsync(Ana, new ReviewQuery()));
        Assert.Empty((await Queries.ForIncidentAsync(Ana, november)).Incident);
        Assert.Equal(Outcome.NotFound, (await Commands.SetForIncidentAsync(Ana, november, [])).Outcome);
        Assert.Equal(1, Assert.Single(await Queries.ListAsync(Admin)).Incidents);
    }
}

public sealed class ThemeTestsOnPostgreSql : ThemeTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
