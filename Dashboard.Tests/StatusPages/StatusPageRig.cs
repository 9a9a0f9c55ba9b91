using System.Text.Json;
using Dashboard.Data.Impact;
using Dashboard.Data.Incidents;
using Dashboard.Data.StatusPages;
using Dashboard.Data.Timeline;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.StatusPages;

/// <summary>Set-up steps the status-page tests share, over any provider that has the data layer's services (a data test's or the app's).</summary>
public static class StatusPageRig
{
    public const string Secret = "SECRET-TIMELINE-TEXT-never-public";

    public static StatusPageInput Page(string key = "public", StatusAudience audience = StatusAudience.Public, params string[] services) => new()
    {
        Key = key, Name = $"Example {key} status", Audience = audience, Description = "Live status of Example's services.",
        Roles = audience == StatusAudience.Restricted ? [Role.Admin] : [], EmbedOrigins = ["https://intranet.example.com"],
        Components = [.. (services.Length == 0 ? ["cf-workers-kv", "cf-access"] : services).Select(s => new StatusComponentInput(s, $"Public {s[3..]}"))],
    };

    public static StatusUpdateInput Update(string title = "Elevated errors on the key-value store", PublicState state = PublicState.Investigating,
        string body = "We are investigating elevated error rates.", string service = "cf-workers-kv", ImpactLevel level = ImpactLevel.PartialOutage) => new()
    {
        Title = title, State = state, Body = body, Components = new Dictionary<string, ImpactLevel> { [service] = level },
    };

    public static async Task<int> IncidentAsync(this IServiceProvider services, string title, bool isPrivate = false, Actor? by = null)
    {
        var result = await services.GetRequiredService<IncidentCommands>().CreateAsync(by ?? TestServices.Owner, new IncidentInput
        {
            Title = title, Organisation = "Example", Summary = "Internal summary " + Secret, Started = "2026-01-14 00:00", IsPrivate = isPrivate,
        });
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        await services.GetRequiredService<TimelineCommands>().AddAsync(by ?? TestServices.Owner, result.Id!.Value,
            new EventInput { OccurredAt = "2026-01-14 00:05", Text = "Internal note: " + Secret });
        return result.Id!.Value;
    }

    public static async Task ImpactAsync(this IServiceProvider services, int incidentId, int serviceId, ImpactLevel level, string start, string? end)
    {
        var result = await services.GetRequiredService<ImpactCommands>().AddAsync(TestServices.Owner, incidentId,
            new ImpactInput { ServiceId = serviceId, Level = level, Start = start, End = end, Description = "Internal impact note " + Secret });
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
    }

    /// <summary>Drafts and publishes as the owner, returning the update's id.</summary>
    public static async Task<int> PublishedAsync(this IServiceProvider services, int incidentId, StatusUpdateInput update, params string[] pages)
    {
        var commands = services.GetRequiredService<StatusUpdateCommands>();
        var draft = await commands.DraftAsync(TestServices.Owner, incidentId, update);
        Assert.True(draft.Succeeded, string.Join("; ", draft.Errors.Values));
        var published = await commands.PublishAsync(TestServices.Owner, draft.Id!.Value, pages.Length == 0 ? ["public"] : pages);
        Assert.True(published.Succeeded, string.Join("; ", published.Errors.Values));
        return draft.Id!.Value;
    }

    /// <summary>Writes the incident's internal postmortem (the text a public one must never leak).</summary>
    public static async Task InternalPostmortemAsync(this IServiceProvider services, int incidentId, string text)
    {
        await using var db = await services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<IncidentBoardDbContext>>().CreateDbContextAsync();
        var version = db.Incidents.Where(i => i.Id == incidentId).Select(i => i.PostmortemVersion).Single();
        var saved = await services.GetRequiredService<Dashboard.Data.Postmortems.PostmortemCommands>().SaveAsync(TestServices.Owner, incidentId, version, text);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Values));
    }

    /// <summary>Publishes (or updates) the incident's public postmortem as the owner, starting a draft when there is none; returns its new version.</summary>
    public static async Task<Guid> PublicPostmortemAsync(this IServiceProvider services, int incidentId, string text)
    {
        await using var db = await services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<IncidentBoardDbContext>>().CreateDbContextAsync();
        var version = db.StatusPostmortems.Where(p => p.IncidentId == incidentId).Select(p => (Guid?)p.Version).SingleOrDefault();
        var published = await services.GetRequiredService<StatusPostmortemCommands>().PublishAsync(TestServices.Owner, incidentId, version, text);
        Assert.True(published.Succeeded, string.Join("; ", published.Errors.Values));
        return published.Version!.Value;
    }

    /// <summary>Saves a draft of the public postmortem over whatever is there, as the owner.</summary>
    public static async Task PostmortemDraftAsync(this IServiceProvider services, int incidentId, string text)
    {
        await using var db = await services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<IncidentBoardDbContext>>().CreateDbContextAsync();
        var version = db.StatusPostmortems.Where(p => p.IncidentId == incidentId).Select(p => (Guid?)p.Version).SingleOrDefault();
        var saved = await services.GetRequiredService<StatusPostmortemCommands>().SaveDraftAsync(TestServices.Owner, incidentId, version, text);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Values));
    }

    /// <summary>Everything a snapshot holds, as text, for leak checks.</summary>
    public static string Text(PageSnapshot snapshot) => JsonSerializer.Serialize(snapshot);
}
