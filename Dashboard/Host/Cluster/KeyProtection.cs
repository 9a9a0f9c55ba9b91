using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Dashboard.Host.Cluster;

/// <summary>
/// Encryption at rest for the data-protection keys, which sign the sign-in cookies and antiforgery
/// tokens and are kept in the database: whoever reads them (the database, a backup, a copy of it)
/// could forge a session. Two ways, from configuration or the environment:
/// <c>DataProtection:KeyEncryptionKey</c>, 32 random bytes in base64 (AES-256-GCM, see
/// <see cref="KeyEncryptionKeyXmlEncryptor"/>), or <c>DataProtection:CertificatePath</c> (and
/// <c>DataProtection:CertificatePassword</c>), a PFX file whose certificate encrypts each key (ASP.NET
/// Core's own XML encryption). With neither, keys are stored as plain XML and a warning says so at start.
/// Keys written before encryption was set stay readable; keys encrypted under a secret that is later
/// removed or changed cannot be read, so a new key is made and everyone signs in again.
/// </summary>
public static class KeyProtection
{
    public const string KeySetting = "DataProtection:KeyEncryptionKey";
    public const string CertificateSetting = "DataProtection:CertificatePath";
    public const string CertificatePasswordSetting = "DataProtection:CertificatePassword";

    public static IDataProtectionBuilder ProtectKeysAtRest(this IDataProtectionBuilder builder, IConfiguration configuration)
    {
        var secret = configuration[KeySetting];
        var certificate = configuration[CertificateSetting];
        if (!string.IsNullOrWhiteSpace(secret) && !string.IsNullOrWhiteSpace(certificate))
            throw new InvalidOperationException($"Set {KeySetting} or {CertificateSetting}, not both: the keys are encrypted one way.");
        if (!string.IsNullOrWhiteSpace(secret))
        {
            var key = KeyEncryptionKey.Parse(secret);
            builder.Services.AddSingleton(key); // the decryptor finds it here
            builder.Services.Configure<KeyManagementOptions>(o => o.XmlEncryptor = new KeyEncryptionKeyXmlEncryptor(key));
        }
        else if (!string.IsNullOrWhiteSpace(certificate))
        {
            if (!File.Exists(certificate)) throw new InvalidOperationException($"{CertificateSetting}: there is no file {certificate}.");
            var loaded = X509CertificateLoader.LoadPkcs12FromFile(certificate, configuration[CertificatePasswordSetting]);
            if (!loaded.HasPrivateKey) throw new InvalidOperationException($"{CertificateSetting}: {certificate} holds no private key, so the keys could not be read back.");
            builder.ProtectKeysWithCertificate(loaded); // also registers it to decrypt with
        }
        else builder.Services.AddHostedService<UnprotectedKeysWarning>();
        return builder;
    }

    /// <summary>Says at every start that the keys lie in the database unencrypted, and how to change that.</summary>
    private sealed class UnprotectedKeysWarning(ILogger<UnprotectedKeysWarning> log) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            log.LogWarning("The data-protection keys (they sign sign-in cookies and antiforgery tokens) are stored unencrypted in the database: " +
                "anyone who reads the database or a backup of it can forge a sign-in. Set {KeySetting} (32 random bytes in base64, e.g. `openssl rand -base64 32`) " +
                "or {CertificateSetting} to encrypt them.", KeySetting, CertificateSetting);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>The secret of <c>DataProtection:KeyEncryptionKey</c>: 32 bytes, and a fingerprint that names it without revealing it.</summary>
public sealed class KeyEncryptionKey
{
    private KeyEncryptionKey(byte[] bytes) => Bytes = bytes;

    internal byte[] Bytes { get; }

    /// <summary>The first 8 bytes of the key's SHA-256, in hex: tells "encrypted under another key" from "tampered with".</summary>
    public string Fingerprint => Convert.ToHexStringLower(SHA256.HashData(Bytes)[..8]);

    public static KeyEncryptionKey Parse(string base64)
    {
        var bytes = new byte[64];
        if (!Convert.TryFromBase64String(base64.Trim(), bytes, out var length) || length != 32)
            throw new InvalidOperationException($"{KeyProtection.KeySetting} must be 32 random bytes in base64 (44 characters), e.g. from `openssl rand -base64 32`.");
        return new KeyEncryptionKey(bytes[..32]);
    }
}

/// <summary>
/// Encrypts a data-protection key's XML with AES-256-GCM under <see cref="KeyEncryptionKey"/>: a fresh
/// 12-byte nonce per key, the 16-byte tag, and a fixed associated text that binds it to this use.
/// </summary>
public sealed class KeyEncryptionKeyXmlEncryptor(KeyEncryptionKey key) : IXmlEncryptor
{
    internal static readonly byte[] Purpose = "IncidentBoard data-protection key"u8.ToArray();

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var sealedBytes = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(key.Bytes, tag.Length)) aes.Encrypt(nonce, plain, sealedBytes, tag, Purpose);
        var element = new XElement("aesGcmEncryptedKey",
            new XAttribute("keyEncryptionKey", key.Fingerprint),
            new XComment($" Encrypted with AES-256-GCM under {KeyProtection.KeySetting}. "),
            new XElement("value", Convert.ToBase64String([.. nonce, .. sealedBytes, .. tag])));
        return new EncryptedXmlInfo(element, typeof(KeyEncryptionKeyXmlDecryptor));
    }
}

/// <summary>Reads what <see cref="KeyEncryptionKeyXmlEncryptor"/> wrote; created by data protection with the app's services.</summary>
public sealed class KeyEncryptionKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetService<KeyEncryptionKey>()
            ?? throw new CryptographicException($"This data-protection key is encrypted under {KeyProtection.KeySetting}, which is not set.");
        if ((string?)encryptedElement.Attribute("keyEncryptionKey") != key.Fingerprint)
            throw new CryptographicException($"This data-protection key is encrypted under another {KeyProtection.KeySetting} than the one set.");
        var data = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? "");
        var (nonceSize, tagSize) = (AesGcm.NonceByteSizes.MaxSize, AesGcm.TagByteSizes.MaxSize);
        if (data.Length < nonceSize + tagSize) throw new CryptographicException("The encrypted data-protection key is cut short.");
        var plain = new byte[data.Length - nonceSize - tagSize];
        using (var aes = new AesGcm(key.Bytes, tagSize))
            aes.Decrypt(data.AsSpan(0, nonceSize), data.AsSpan(nonceSize, plain.Length), data.AsSpan(nonceSize + plain.Length), plain, KeyEncryptionKeyXmlEncryptor.Purpose);
        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}
