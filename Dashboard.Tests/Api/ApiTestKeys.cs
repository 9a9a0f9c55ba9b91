using System.Net.Http.Headers;
using Dashboard.Data.ApiKeys;
using Dashboard.Data.Identity;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Api;

namespace Dashboard.Tests.Api;

/// <summary>Keys and clients for API tests, made through the app's own commands (as the command line does).</summary>
public static class ApiTestKeys
{
    /// <summary>A key for <paramref name="ownerEmail"/> (the bootstrap owner unless given).</summary>
    public static async Task<string> KeyAsync(this AppFactory app, Role role, string ownerEmail = AppFactory.OwnerEmail, string? name = null)
    {
        var made = await app.Services.GetRequiredService<ApiKeyCommands>().CreateAsync(Actor.System.Via(ChangeSource.Cli),
            new ApiKeyInput { Name = name ?? $"test {role} {Guid.NewGuid():N}", Role = role, OwnerEmail = ownerEmail });
        if (!made.Result.Succeeded) throw new InvalidOperationException(string.Join("; ", made.Result.Errors.Values));
        return made.Key!;
    }

    public static async Task<HttpClient> ApiClientAsync(this AppFactory app, Role role, string ownerEmail = AppFactory.OwnerEmail, string? name = null) =>
        app.ApiClient(await app.KeyAsync(role, ownerEmail, name));

    public static HttpClient ApiClient(this AppFactory app, string key)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>A user made by the bootstrap owner, for keys owned by someone with less reach.</summary>
    public static async Task UserAsync(this AppFactory app, string email, Role role)
    {
        var created = await app.Services.GetRequiredService<UserCommands>().CreateAsync(Actor.System,
            new NewUserInput { Email = email, DisplayName = email.Split('@')[0], Role = role, Password = "a long enough password", MustChangePassword = false });
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Values));
    }
}
