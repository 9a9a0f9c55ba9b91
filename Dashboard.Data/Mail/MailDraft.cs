using System.Net.Mail;

namespace Dashboard.Data.Mail;

/// <summary>
/// A mail to queue: to whom, what, of which kind, under which idempotency key. <see cref="Validate"/>
/// refuses what could not be sent safely: a malformed address, or a line break in the subject or
/// the display name, which would let text become headers of its own (header injection).
/// </summary>
public sealed record MailDraft(string IdempotencyKey, string ToAddress, string Subject, string TextBody, string Kind)
{
    public const int MaxKey = 200;
    public const int MaxAddress = 254;
    public const int MaxName = 200;
    public const int MaxSubject = 300;
    public const int MaxUrl = 2000;

    public string? ToName { get; init; }
    public string? HtmlBody { get; init; }

    /// <summary>Not sent before this time (UTC): a person's quiet hours.</summary>
    public DateTime? NotBefore { get; init; }

    /// <summary>An https (or, for tests, http) URL that unsubscribes with one POST (RFC 8058).</summary>
    public string? UnsubscribeUrl { get; init; }

    /// <summary>Field errors, empty when the draft may be queued.</summary>
    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(IdempotencyKey) || IdempotencyKey.Length > MaxKey) errors[nameof(IdempotencyKey)] = $"A key of 1 to {MaxKey} characters is required.";
        if (!MailAddresses.IsValid(ToAddress)) errors[nameof(ToAddress)] = "Enter a valid email address.";
        if (string.IsNullOrWhiteSpace(Subject)) errors[nameof(Subject)] = "A subject is required.";
        else if (Subject.Length > MaxSubject) errors[nameof(Subject)] = $"At most {MaxSubject} characters.";
        else if (MailAddresses.HasLineBreakOrControl(Subject)) errors[nameof(Subject)] = "A subject is one line.";
        if (ToName is not null && (ToName.Length > MaxName || MailAddresses.HasLineBreakOrControl(ToName)))
            errors[nameof(ToName)] = $"A name is one line of at most {MaxName} characters.";
        if (string.IsNullOrWhiteSpace(Kind) || Kind.Length > 64 || MailAddresses.HasLineBreakOrControl(Kind)) errors[nameof(Kind)] = "A kind is required.";
        if (UnsubscribeUrl is not null && !IsWebUrl(UnsubscribeUrl)) errors[nameof(UnsubscribeUrl)] = "An http(s) address is required.";
        return errors;
    }

    private static bool IsWebUrl(string url) => url.Length <= MaxUrl && !MailAddresses.HasLineBreakOrControl(url) && !url.Contains('>')
        && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

/// <summary>The one check of an email address, for subscription forms and the outbox alike.</summary>
public static class MailAddresses
{
    /// <summary>
    /// A bare address (no display name, no angle brackets, no spaces or control characters) with a
    /// local part and a domain, as <see cref="MailAddress"/> reads it back unchanged.
    /// </summary>
    public static bool IsValid(string? address)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Length > MailDraft.MaxAddress) return false;
        if (address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';' or '"' or '(' or ')')) return false;
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1) return false;
        return MailAddress.TryCreate(address, out var parsed) && parsed.Address == address && string.IsNullOrEmpty(parsed.DisplayName);
    }

    public static bool HasLineBreakOrControl(string text) => text.Any(char.IsControl);
}
