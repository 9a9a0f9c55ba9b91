using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Calendar;

/// <summary>Makes or renews a user's private calendar address: the token is returned once, only its hash is kept.</summary>
public sealed class CalendarCommands(WriteDoor door)
{
    private const string Subject = "calendar address";

    /// <summary>A new secret token for the actor's own feed; the one before stops working in the same write.</summary>
    public async Task<(CommandResult Result, string? Token)> RenewAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId) return (CommandResult.Forbidden(Subject), null);
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var result = await door.RunAsync(actor, Permission.Read, Subject, async w =>
        {
            var feed = await w.Db.CalendarFeeds.SingleOrDefaultAsync(f => f.UserId == userId, ct);
            if (feed is null) w.Db.CalendarFeeds.Add(feed = new CalendarFeed { UserId = userId, SecretHash = "" });
            feed.SecretHash = Hash(token);
            feed.CreatedAt = w.Now;
            w.Audit(AuditActions.CalendarAddressRenewed, feed);
            return w.Done(feed);
        }, ct);
        return (result, result.Succeeded ? token : null);
    }

    /// <summary>SHA-256 of the token, hex: a random 256-bit token needs no slow hash, and the lookup is by equality.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
