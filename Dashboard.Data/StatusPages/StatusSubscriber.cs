using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.StatusPages;

/// <summary>
/// An email address subscribed to a page's updates: unconfirmed until its owner follows the link
/// mailed to it (double opt-in), then mailed every update published to the page, each mail with a
/// one-click unsubscribe link (RFC 8058) carrying <see cref="Token"/>.
/// </summary>
public class StatusSubscriber
{
    public int Id { get; set; }
    public int StatusPageId { get; set; }
    public required string Email { get; set; }
    /// <summary>The secret in the confirm and unsubscribe links; it is what proves a click came from the mailbox.</summary>
    public required string Token { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public DateTime? UnsubscribedAt { get; set; }
    /// <summary>When a confirmation was last mailed: a repeated sign-up mails again only after a while.</summary>
    public DateTime LastMailedAt { get; set; }

    /// <summary>The components chosen at sign-up; none means the whole page.</summary>
    public List<StatusSubscriberComponent> Components { get; set; } = [];

    public bool Receives => ConfirmedAt is not null && UnsubscribedAt is null;

    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>Whether a link's token is worth looking up at all (a stored one is at most 64 characters).</summary>
    public static bool CouldBeToken(string? token) => !string.IsNullOrEmpty(token) && token.Length <= 64;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public class StatusSubscriberConfiguration : IEntityTypeConfiguration<StatusSubscriber>
{
    public void Configure(EntityTypeBuilder<StatusSubscriber> b)
    {
        b.HasIndex(s => new { s.StatusPageId, s.Email }).IsUnique();
        b.HasIndex(s => s.Token).IsUnique();
        b.Property(s => s.Email).HasMaxLength(254);
        b.Property(s => s.Token).HasMaxLength(64);
        b.HasOne<StatusPage>().WithMany().HasForeignKey(s => s.StatusPageId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.Components).WithOne().HasForeignKey(c => c.StatusSubscriberId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A component of the page a subscriber chose: mail comes only about what touches one of them. A component leaving the page takes the choice with it.</summary>
public class StatusSubscriberComponent
{
    public int StatusSubscriberId { get; set; }
    public int StatusPageComponentId { get; set; }
}

public class StatusSubscriberComponentConfiguration : IEntityTypeConfiguration<StatusSubscriberComponent>
{
    public void Configure(EntityTypeBuilder<StatusSubscriberComponent> b)
    {
        b.HasKey(c => new { c.StatusSubscriberId, c.StatusPageComponentId });
        b.HasIndex(c => c.StatusPageComponentId);
        b.HasOne<StatusPageComponent>().WithMany().HasForeignKey(c => c.StatusPageComponentId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class StatusPageLinks
{
    /// <summary>The page's address as people outside reach it, for the links in mail.</summary>
    public static string PageUrl(this PublicAddress address, string key) => address.Link($"pages/{Uri.EscapeDataString(key)}");
}
