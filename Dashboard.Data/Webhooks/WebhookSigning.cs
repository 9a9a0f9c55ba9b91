using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Data.Webhooks;

/// <summary>
/// Standard Webhooks signing: <c>v1,</c> + base64 HMAC-SHA256 of <c>id.timestamp.body</c>, keyed by
/// the base64-decoded part of the <c>whsec_</c> secret. The tests verify it with the StandardWebhooks library.
/// </summary>
public static class WebhookSigning
{
    public const string SecretPrefix = "whsec_";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string NewMessageId() => "msg_" + Guid.NewGuid().ToString("N");

    public static string Sign(string secret, string messageId, long unixSeconds, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{messageId}.{unixSeconds}.{body}"));
        return "v1," + Convert.ToBase64String(mac);
    }
}
