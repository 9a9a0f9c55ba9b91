using System.Net;
using Dashboard.Data.Incidents;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Api;

/// <summary>Near misses and "What surprised us" in /api/v1/incidents, through the real app host.</summary>
public sealed class NearMissApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_near_miss_is_declared_read_back_and_listed_with_the_nearMiss_filter()
    {
        var client = await app.ApiClientAsync(Role.Responder);
        var created = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/incidents", new IncidentInput
        {
            Title = $"Almost lost the queue {Guid.NewGuid().ToString("N")[..6]}", Organisation = "Shop", Summary = "s", Started = "2026-03-01 10:00",
            IsNearMiss = true, WhatSurprisedUs = "The retry budget was already spent.",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        var slug = body.GetProperty("slug").GetString()!;
        Assert.True(body.GetProperty("isNearMiss").GetBoolean());
        Assert.Equal("The retry budget was already spent.", body.GetProperty("whatSurprisedUs").GetString());

        var nearMisses = (await (await client.GetAsync("/api/v1/incidents?nearMiss=true&limit=200")).JsonAsync()).GetProperty("items");
        var incidents = (await (await client.GetAsync("/api/v1/incidents?nearMiss=false&limit=200")).JsonAsync()).GetProperty("items");
        Assert.Contains(nearMisses.EnumerateArray(), i => i.GetProperty("slug").GetString() == slug && i.GetProperty("isNearMiss").GetBoolean());
        Assert.All(nearMisses.EnumerateArray(), i => Assert.True(i.GetProperty("isNearMiss").GetBoolean()));
        Assert.DoesNotContain(incidents.EnumerateArray(), i => i.GetProperty("slug").GetString() == slug);
    }
}
