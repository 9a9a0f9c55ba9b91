using System.Data.Common;
using Dashboard.Data.Changes;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Changes;

/// <summary>
/// The panel's time-window read is answered by the window index alone (ChangeServices(StartedAt, ServiceId,
/// ChangeEventId)): at 1,000,000 changes anything else made the panel half a second slow. Checked by the
/// stores' own plans, not by timing.
/// </summary>
public class ChangeIndexTests : DataTest
{
    private static readonly DateTime From = new(2025, 11, 17, 11, 20, 0, DateTimeKind.Utc);
    private static readonly DateTime To = new(2025, 11, 18, 17, 6, 0, DateTimeKind.Utc);

    [Fact]
    public async Task The_panels_window_query_is_a_range_scan_of_the_window_index()
    {
        await using var db = App.Database.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        var query = ChangeQueries.InWindow(db, From, To);
        Assert.NotEmpty(await query.ToListAsync()); // the seeded changes of the Cloudflare window

        var plan = await PlanAsync(db, query.CreateDbCommand());

        if (Store == DatabaseProvider.PostgreSQL)
            // A handful of seeded rows are cheaper to read whole; with that ruled out, the plan shows which index fits the query.
            Assert.True(System.Text.RegularExpressions.Regex.IsMatch(plan, @"(Index (Only )?Scan using|Bitmap Index Scan on) ""IX_ChangeServices_Window""(.|\n)*Index Cond: \(\((\w+\.)?""StartedAt"" >= "), plan);
        else
            Assert.Matches(@"SEARCH \w+ USING COVERING INDEX IX_ChangeServices_Window \(StartedAt>\? AND StartedAt<\?\)", plan);
    }

    [Fact]
    public async Task The_services_of_the_shown_changes_are_read_by_key_not_by_walking_every_change_service()
    {
        await using var db = App.Database.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        var ids = await db.ChangeEvents.OrderBy(c => c.Id).Select(c => c.Id).Take(3).ToArrayAsync();
        var query = ChangeQueries.ServicesOf(db, ids);
        Assert.NotEmpty(await query.ToListAsync());

        var plan = await PlanAsync(db, query.CreateDbCommand());

        if (Store == DatabaseProvider.PostgreSQL)
            Assert.True(System.Text.RegularExpressions.Regex.IsMatch(plan, @"Index (Only )?Scan using ""PK_ChangeServices""|Bitmap Index Scan on ""PK_ChangeServices"""), plan);
        else
        {
            Assert.Matches(@"SEARCH \w+ USING COVERING INDEX sqlite_autoindex_ChangeServices_1 \(ChangeEventId=\?\)", plan);
            Assert.DoesNotContain("MATERIALIZE", plan);
        }
    }

    private async Task<string> PlanAsync(DbContext db, DbCommand command)
    {
        var connection = db.Database.GetDbConnection();
        if (Store == DatabaseProvider.PostgreSQL)
        {
            await using var off = connection.CreateCommand();
            off.CommandText = "SET enable_seqscan = off";
            await off.ExecuteNonQueryAsync();
        }
        command.CommandText = (Store == DatabaseProvider.PostgreSQL ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + command.CommandText;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(reader.FieldCount - 1));
        return string.Join("\n", lines);
    }
}

public sealed class ChangeIndexTestsOnPostgreSql : ChangeIndexTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
