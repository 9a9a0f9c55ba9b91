using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Data.Webhooks;

/// <summary>
/// Signing secrets at rest. They cannot be hashed (the worker signs with them), so they are
/// protected with ASP.NET Core Data Protection under their own purpose and stored with a marker;
/// the worker unprotects one just before it signs. A row without the marker is a secret stored
/// before protection existed: it is still used as it is, and protected when it is next rotated.
/// </summary>
/// <remarks>
/// The keys live in the same database (so every instance and the command line share them) and are
/// not themselves encrypted unless the deployment configures it: protection keeps secrets out of a
/// leaked table, a query result or a log, not out of a copy of the whole database.
/// </remarks>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    /// <summary>The Data Protection purpose: a key derived for this use only.</summary>
    public const string Purpose = "IncidentBoard.Webhooks.SigningSecret.v1";
    /// <summary>Starts every protected value; a secret itself starts with <c>whsec_</c>, so the two never mix.</summary>
    public const string Marker = "dp1:";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string secret) => Marker + _protector.Protect(secret);

    /// <summary>The secret to sign with. Throws <see cref="CryptographicException"/> when the key that protected it is gone.</summary>
    public string Reveal(string stored) => IsProtected(stored) ? _protector.Unprotect(stored[Marker.Length..]) : stored;

    public static bool IsProtected(string stored) => stored.StartsWith(Marker, StringComparison.Ordinal);
}

public static class WebhookSecretsSetup
{
    /// <summary>The application name every instance shares, so one instance reads what another protected.</summary>
    public const string ApplicationName = "IncidentBoard";

    /// <summary>
    /// Data Protection with its keys in the database, as the app's cookies use it, and the secrets'
    /// protector. Registered with the data layer, so the worker, the command line and the tests all
    /// protect and unprotect with the same keys.
    /// </summary>
    public static IServiceCollection AddWebhookSecrets(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<IncidentBoardDbContext>();
        services.AddSingleton<WebhookSecrets>();
        return services;
    }
}
