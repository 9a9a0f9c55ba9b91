using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Data.Notifications;

/// <summary>
/// The signature of a one-click unsubscribe link: HMAC-SHA256 of the person and the kind under a
/// random secret of that person's (kept with their notification settings). Made inside the write
/// that queues the mail, so it needs nothing outside that transaction; a changed person, kind or
/// signature does not verify.
/// </summary>
public static class UnsubscribeTokens
{
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, string userId, NotificationKind kind) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(Convert.FromBase64String(secret), Encoding.UTF8.GetBytes($"{kind}\n{userId}")));

    public static bool Verify(string? secret, string userId, NotificationKind kind, string? token)
    {
        if (secret is null || string.IsNullOrEmpty(token) || token.Length > 100) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, userId, kind));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(token));
    }
}
