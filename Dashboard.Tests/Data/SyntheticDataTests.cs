using Dashboard.Data.Synthetic;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Incidents;

namespace Dashboard.Tests.Data;

public class SyntheticDataTests
{
    /// <summary>The database these tests run on; <see cref="SyntheticDataTestsOnPostgreSql"/> runs them all again on PostgreSQL.</summary>
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    private static string Fingerprint(int seed)
    {
        var data = new SyntheticData(seed);
        var ids = Enumerable.Range(1, 10).ToList();
        return string.Join("|", Enumerable.Range(0, 20).Select(i => data.Incident(i, SyntheticSize.Small, ids)).Select(i =>
            $"{i.Slug};{i.Severity};{i.DetectedAt:O};{i.ResolvedAt:O};{i.Events.Count};{i.Impacts.Count};{string.Join(',', i.Actions.Select(a => a.Status))}"));
    }

    [Fact]
    public void The_same_seed_gives_the_same_data_and_another_seed_does_not()
    {
        Assert.Equal(Fingerprint(7), Fingerprint(7));
        Assert.NotEqual(Fingerprint(7), Fingerprint(8));
    }

    [Fact]
    public void Generated_incidents_have_ordered_phases_and_events_inside_the_incident()
    {
        var data = new SyntheticData(3);
        foreach (var i in Enumerable.Range(0, 200).Select(n => data.Incident(n, SyntheticSize.Small, [1, 2, 3])))
        {
            Assert.Null(new PhaseTimes(i.TriggeredAt, i.StartedAt, i.DetectedAt, i.AcknowledgedAt, i.MitigatedAt, i.ResolvedAt).OrderError());
            Assert.All(i.Events, e => Assert.InRange(e.OccurredAt, i.TriggeredAt!.Value, i.ResolvedAt!.Value.AddMinutes(1)));
            Assert.All(i.Impacts, x => Assert.True(x.EndedAt >= x.StartedAt));
        }
    }

    [Fact]
    public async Task A_generated_set_is_written_through_the_real_schema()
    {
        await using var db = await TestDatabase.CreateAsync(Store);

        await SyntheticDataWriter.WriteAsync(db, SyntheticSize.Small, seed: 1);

        await using var context = db.CreateDbContext();
        Assert.Equal(50, await context.Incidents.CountAsync());
        Assert.Equal(50 * 20, await context.TimelineEvents.CountAsync());
        Assert.Equal(50 * 4, await context.RemediationActions.CountAsync());
        Assert.Equal(30, await context.Services.CountAsync());
    }
}

public sealed class SyntheticDataTestsOnPostgreSql : SyntheticDataTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
