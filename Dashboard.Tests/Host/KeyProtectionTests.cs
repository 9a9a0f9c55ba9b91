using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Dashboard.Host.Cluster;

namespace Dashboard.Tests.Host;

/// <summary>The data-protection keys in the database: encrypted under a configured secret or certificate, and a warning when neither is set.</summary>
public sealed class KeyProtectionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ib-keys-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Dictionary<string, string> Protection(string way)
    {
        if (way == "key") return new() { [KeyProtection.KeySetting] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=IncidentBoard keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_dir, "keys.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "pfx password"));
        return new() { [KeyProtection.CertificateSetting] = path, [KeyProtection.CertificatePasswordSetting] = "pfx password" };
    }

    /// <summary>
    /// A copy of the app's database: a second app may not open a SQLite file another app holds
    /// (SQLite means one instance), so the "other instance" reads the same keys from a copy.
    /// </summary>
    private string CopyOf(AppFactory app)
    {
        var copy = Path.Combine(_dir, $"copy-{Guid.NewGuid():N}.db");
        using var source = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False");
        using var target = new SqliteConnection($"Data Source={copy};Pooling=False");
        source.Open();
        source.BackupDatabase(target);
        return copy;
    }

    private static async Task<List<string>> StoredKeysAsync(WebApplicationFactory<Program> app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<IncidentBoardDbContext>>().CreateDbContextAsync();
        return await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
    }

    private static string Protect(WebApplicationFactory<Program> app, string text) => app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect(text);

    private static string Unprotect(WebApplicationFactory<Program> app, string text) => app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(text);

    [Theory]
    [InlineData("key")]
    [InlineData("certificate")]
    public async Task Keys_are_encrypted_in_the_database_and_another_instance_with_the_same_secret_reads_them(string way)
    {
        var protection = Protection(way);
        var logs = new CapturedLogs();
        await using var first = new AppFactory { Settings = protection };
        await using var firstWithLogs = first.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        var sealedText = Protect(firstWithLogs, "a session");

        var keys = await StoredKeysAsync(firstWithLogs);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("encryptedSecret", xml);
            Assert.DoesNotContain("masterKey", xml); // the plain key material and its "unencrypted form" warning
        });
        Assert.DoesNotContain(logs.Warnings, w => w.Contains("stored unencrypted", StringComparison.Ordinal));

        // Another instance given this database with the same secret reads what the first protected.
        await using var second = new AppFactory { Settings = new(protection) { ["ConnectionStrings:IncidentBoard"] = $"Data Source={CopyOf(first)}" } };
        Assert.Equal("a session", Unprotect(second, sealedText));
    }

    [Fact]
    public async Task A_different_key_encryption_key_cannot_read_the_keys()
    {
        await using var first = new AppFactory { Settings = Protection("key") };
        var sealedText = Protect(first, "a session");

        await using var other = new AppFactory { Settings = new(Protection("key")) { ["ConnectionStrings:IncidentBoard"] = $"Data Source={CopyOf(first)}" } };

        Assert.ThrowsAny<CryptographicException>(() => Unprotect(other, sealedText));
    }

    [Fact]
    public async Task Without_a_secret_the_keys_are_stored_as_they_are_and_a_warning_says_so_at_start()
    {
        var logs = new CapturedLogs();
        await using var plain = new AppFactory();
        await using var app = plain.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        Protect(app, "a session");

        Assert.Contains(logs.Warnings, w => w.Contains("stored unencrypted", StringComparison.Ordinal) && w.Contains(KeyProtection.KeySetting, StringComparison.Ordinal));
        Assert.All(await StoredKeysAsync(app), xml => Assert.Contains("masterKey", xml));
    }

    [Theory]
    [InlineData("not base64 at all")]
    [InlineData("c2hvcnQ=")] // 5 bytes
    public void A_key_encryption_key_that_is_not_32_bytes_of_base64_is_refused_by_name(string value)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => KeyEncryptionKey.Parse(value));
        Assert.Contains(KeyProtection.KeySetting, refused.Message);
    }

    /// <summary>The app's warnings, as its log writes them.</summary>
    private sealed class CapturedLogs : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<string> _warnings = new();

        public IReadOnlyCollection<string> Warnings => _warnings;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) _warnings.Enqueue(formatter(state, exception));
        }

        public void Dispose() { }
    }
}
