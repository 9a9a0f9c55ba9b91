using System.Diagnostics;
using Dashboard.Data;
using Dashboard.Data.Identity;
using Dashboard.Data.Incidents;
using Dashboard.Data.Notifications;
using Dashboard.Data.Synthetic;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Benchmarks;

/// <summary>
/// `--only digests`: the weekly digest job for 1,000 people against one full read of all open actions
/// with their owners, same run (the goal: the job in at most 3× the read). The data set is a copy of
/// the 10,000-incident / 100,000-action set (digest-10k.db) whose actions get owners among 1,000
/// people in four time zones (50 of them admins), one lead per team, and a private incident in twenty;
/// the clock is Monday 2 June 2025, 23:00 UTC, when every one of them is due.
/// </summary>
public static class DigestBench
{
    public const int People = 1_000;
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 23, 0, 0, TimeSpan.Zero);
    private static readonly string[] Zones = ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC"];
    private static readonly string[] Teams = ["Payments", "Identity", "Search", "Storage", "Edge", "Messaging", "Data", "Mobile", "Billing", "Platform"];

    public static async Task RunAsync(string path, string source, int runs)
    {
        IDbContextFactory<IncidentBoardDbContext> sourceFactory = new BenchDbFactory($"Data Source={source}");
        if (!File.Exists(path))
        {
            await BenchDatabase.EnsureAsync(sourceFactory, source, SyntheticSize.Benchmark, seed: 42);
            File.Copy(source, path);
        }
        var database = new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={path}");
        await using var services = new ServiceCollection().AddLogging().AddIncidentBoardData(database)
            .AddSingleton<TimeProvider>(new FixedTime(Now)).BuildServiceProvider();
        var factory = services.GetRequiredService<IDbContextFactory<IncidentBoardDbContext>>();
        await PrepareAsync(factory);

        var job = services.GetRequiredService<DigestJob>();
        int queued = 0;
        var report = new Report($"weekly digest job for {People:N0} people vs one full read of the open actions with their owners (goal ≤ 3×)", TimeSpan.FromSeconds(30));
        await report.MeasureYardstickAsync("full read of the open actions with their owners", runs, async ct =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            return await db.RemediationActions.AsNoTracking().Where(a => a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress)
                .Join(db.Users, a => a.OwnerUserId, u => u.Id, (a, u) => new { a.Id, a.Title, a.DueDate, a.Team, a.IncidentId, u.Email, u.DisplayName, u.TimeZone })
                .ToListAsync(ct);
        });
        await report.MeasureAsync("digest job, every person due", runs, async ct =>
        {
            await ResetAsync(factory, ct); // untimed would be fairer, but it is two deletes of at most 1,000 rows
            queued = await job.RunAsync(ct);
            return queued;
        });
        await report.MeasureAsync("the two deletes that reset the job between runs", runs, async ct =>
        {
            await ResetAsync(factory, ct);
            return 0;
        });
        report.Print();
        Console.WriteLine($"digests queued per run: {queued:N0} of {People:N0} people");
        await using (var db = await factory.CreateDbContextAsync())
        {
            var open = await db.RemediationActions.CountAsync(a => (a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress) && a.OwnerUserId != null);
            Console.WriteLine($"open actions with an owner: {open:N0}");
        }
    }

    private static async Task ResetAsync(IDbContextFactory<IncidentBoardDbContext> factory, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.DigestsSent.ExecuteDeleteAsync(ct);
        await db.OutboundMails.Where(m => m.Kind == "digest").ExecuteDeleteAsync(ct);
    }

    /// <summary>Once per file: the people, their settings, their actions, the team leads and the private incidents.</summary>
    private static async Task PrepareAsync(IDbContextFactory<IncidentBoardDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        if (await db.Users.AnyAsync(u => u.Id == Id(0))) return;
        var clock = Stopwatch.StartNew();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var n = 0; n < People; n++)
        {
            var email = $"person{n:D4}@example.com";
            db.Users.Add(new AppUser
            {
                Id = Id(n), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                DisplayName = $"Person {n:D4}", Role = n % 20 == 0 ? Role.Admin : Role.Responder, TimeZone = Zones[n % Zones.Length],
                SecurityStamp = Guid.NewGuid().ToString(), CreatedAt = Now.UtcDateTime,
            });
            db.NotificationSettings.Add(new NotificationSettings { UserId = Id(n), DigestFrequency = DigestFrequency.Weekly, DigestHour = 8, DigestWeekday = DayOfWeek.Monday });
        }
        // One lead per team, the first ten people.
        for (var t = 0; t < Teams.Length; t++) db.TeamLeads.Add(new TeamLead { Team = Teams[t], UserId = Id(t) });
        await db.SaveChangesAsync();
        // Every action an owner among the 1,000 (its shown name with it); a private incident in twenty, with a participant.
        await db.Database.ExecuteSqlRawAsync(
            "UPDATE RemediationActions SET OwnerUserId = 'digest-bench-' || printf('%04d', Id % 1000), Owner = 'Person ' || printf('%04d', Id % 1000)");
        await db.Database.ExecuteSqlRawAsync("UPDATE Incidents SET IsPrivate = 1 WHERE Id % 20 = 0");
        foreach (var incidentId in await db.Incidents.Where(i => i.IsPrivate).Select(i => i.Id).ToListAsync())
            db.IncidentParticipants.Add(new IncidentParticipant { IncidentId = incidentId, UserId = Id(incidentId % People), Role = IncidentRole.Member, AddedAt = Now.UtcDateTime });
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        Console.WriteLine($"prepared {People:N0} people and their actions in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static string Id(int n) => $"digest-bench-{n:D4}";
}
