using System.Text.RegularExpressions;
using Dashboard.Data.Synthetic;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Hostile;

/// <summary>
/// State carried from prerendering comes back from the browser in the message that starts the
/// circuit: it must stay well under the hub's 128 KB, or the page could never connect. The review
/// carries nothing of its report (the circuit reads it from the shared cache), however large it is.
/// </summary>
public sealed class CarriedStateTests
{
    private static async Task<int> CarriedLengthAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/review");
        return Regex.Matches(html, "<!--Blazor-Server-Component-State:([^-]*)-->").Sum(m => m.Groups[1].Length);
    }

    [Fact]
    public async Task The_review_carries_none_of_its_report_however_large()
    {
        await using var app = new AppFactory();
        var client = await app.SignedInClientAsync(); // the review asks for sign-in
        var small = await CarriedLengthAsync(client);

        await SyntheticDataWriter.WriteAsync(app.Services.GetRequiredService<IDbContextFactory<IncidentBoardDbContext>>(),
            new SyntheticSize(1_000, 2, 2, 200), seed: 42);
        // The generator writes behind the door: say so on the bus, as the door does after every write, so the cached review moves on.
        app.Services.GetRequiredService<ChangeBus>().Publish(new Change(ChangeScope.Actions, "synthetic data written"));
        var large = await CarriedLengthAsync(client);

        Assert.InRange(small, 0, 2_000); // the seeded review
        Assert.InRange(large, 0, 2_000); // 1,000 incidents: a carried report would be near the hub's limit
    }
}
