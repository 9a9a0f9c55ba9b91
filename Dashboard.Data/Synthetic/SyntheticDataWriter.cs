using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Incidents;

namespace Dashboard.Data.Synthetic;

/// <summary>Writes a synthetic data set in batches, each batch one transaction.</summary>
public static class SyntheticDataWriter
{
    public static async Task WriteAsync(IDbContextFactory<IncidentBoardDbContext> dbFactory, SyntheticSize size, int seed,
        IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var data = new SyntheticData(seed);
        List<int> serviceIds;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.Services.AddRange(data.Services(size.Services));
            await db.SaveChangesAsync(ct);
            serviceIds = await db.Services.OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        }

        const int batch = 250;
        for (var start = 0; start < size.Incidents; start += batch)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(size.Incidents, start + batch); i++)
                db.Incidents.Add(data.Incident(i, size, serviceIds));
            await db.SaveChangesAsync(ct);
            progress?.Report(Math.Min(size.Incidents, start + batch));
        }

        // A million changes: batches of 10,000, each a short-lived context without change detection.
        foreach (var changes in data.ChangeEvents(serviceIds, size.ChangesPerService).Chunk(10_000))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.ChangeEvents.AddRange(changes);
            await db.SaveChangesAsync(ct);
        }
    }
}
