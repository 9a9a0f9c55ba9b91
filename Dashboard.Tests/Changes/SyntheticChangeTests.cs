using Dashboard.Data.Changes;
using Dashboard.Data.Synthetic;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Changes;

/// <summary>The synthetic generator's change events (issue #29's scale set, here at a small size) on a real store.</summary>
public class SyntheticChangeTests() : DataTest(seed: false)
{
    private static readonly SyntheticSize Size = new(40, 5, 1, 30, ChangesPerService: 20);

    [Fact]
    public async Task Each_service_gets_its_changes_within_the_year_and_the_panel_ranks_them_for_an_incident_of_that_year()
    {
        await SyntheticDataWriter.WriteAsync(App.Get<IDbContextFactory<IncidentBoardDbContext>>(), Size, seed: 29);

        await using var db = App.Database.CreateDbContext();
        Assert.Equal(30 * 20, await db.ChangeEvents.CountAsync());
        Assert.Equal(Enumerable.Repeat(20, 30), (await db.ChangeServices.GroupBy(s => s.ServiceId).Select(g => g.Count()).ToListAsync()));
        Assert.False(await db.ChangeEvents.AnyAsync(c => c.StartedAt < SyntheticData.ChangesYear || c.StartedAt >= SyntheticData.ChangesYear.AddYears(1)));
        // The window index reads the copy of the start beside the service: it must be the change's own.
        Assert.False(await db.ChangeServices.AnyAsync(s => s.StartedAt != s.ChangeEvent!.StartedAt));
        Assert.Equal(await db.ChangeEvents.CountAsync(), await db.ChangeEvents.Select(c => c.ExternalId).Distinct().CountAsync());

        var incident = await db.Incidents.Where(i => i.StartedAt >= SyntheticData.ChangesYear.AddDays(2) && i.StartedAt < SyntheticData.ChangesYear.AddDays(360) && i.Impacts.Any())
            .OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
        var ranked = (await App.Get<ChangeQueries>().BeforeIncidentAsync(TestServices.Owner, incident))!;
        Assert.Equal(Enumerable.Range(1, ranked.Items.Count), ranked.Items.Select(i => i.Rank));
        Assert.All(ranked.Items, i => Assert.InRange(i.Change.StartedAt, ranked.From, ranked.To));
    }

    [Fact]
    public void The_same_seed_gives_the_same_changes_and_adding_changes_leaves_the_incidents_as_they_were()
    {
        static string Changes(int seed) => string.Join("|", new SyntheticData(seed).ChangeEvents([1, 2, 3], 10).Select(c => $"{c.ExternalId};{c.Kind};{c.StartedAt:O};{c.Author}"));
        static string Incident(int seed, bool withChanges)
        {
            var data = new SyntheticData(seed);
            if (withChanges) _ = data.ChangeEvents([1, 2, 3], 10).ToList();
            var i = data.Incident(0, SyntheticSize.Small, [1, 2, 3]);
            return $"{i.Slug};{i.StartedAt:O};{i.Events.Count}";
        }

        Assert.Equal(Changes(7), Changes(7));
        Assert.NotEqual(Changes(7), Changes(8));
        Assert.Equal(Incident(7, withChanges: false), Incident(7, withChanges: true));
    }
}

public sealed class SyntheticChangeTestsOnPostgreSql : SyntheticChangeTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
