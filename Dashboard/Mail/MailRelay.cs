using System.Net.Sockets;
using Dashboard.Data.Mail;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Dashboard.Mail;

/// <summary>
/// Sends what the outbox holds: claims a batch of due messages, sends them over one SMTP connection,
/// records the accepted ones as sent in one write, and claims the next batch on the same connection
/// while more is due. A lost connection records what the server had accepted, fails the message in
/// flight (it is tried again after a backoff) and gives the rest of the batch back untried, so an
/// outage loses nothing and nothing accepted is sent again. Each message keeps the Message-Id its row
/// was given, so even the one case that can repeat (the process died after the server accepted part
/// of a batch, before the batch was recorded) reaches the recipients as the same messages.
/// The worker runs <see cref="MailOptions.Connections"/> passes at once, each on its own connection and claims.
/// </summary>
public sealed class MailRelay(MailDeliveryStore store, IOptions<MailOptions> options, TimeProvider clock, ILogger<MailRelay> logger, MailMetrics? metrics = null)
{
    /// <summary>The relay's spans (one per batch handed to the SMTP server), traced when a collector is configured.</summary>
    public static readonly System.Diagnostics.ActivitySource Traces = new("IncidentBoard.Mail");

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>One pass: sends due messages, batch after batch over one connection, until none is due; returns how many it claimed (0: nothing was due).</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Enabled) return 0;
        var batch = await store.ClaimDueAsync(Now, ct);
        if (batch.Count == 0) return 0;
        var from = MailboxAddress.Parse(o.From);
        using var client = new SmtpClient { Timeout = (int)o.Timeout.TotalMilliseconds };
        var claimed = 0;
        var connected = false;
        while (batch.Count > 0)
        {
            claimed += batch.Count;
            using (var span = Traces.StartActivity("mail send", System.Diagnostics.ActivityKind.Client))
            {
                span?.SetTag("server.address", o.Smtp.Host);
                span?.SetTag("server.port", o.Smtp.Port);
                span?.SetTag("incidentboard.mail.batch", batch.Count);
                if (!connected)
                {
                    try
                    {
                        await ConnectAsync(client, o.Smtp, ct);
                        connected = true;
                    }
                    catch (Exception ex) when (IsConnectionFailure(ex) || ex is SmtpCommandException)
                    {
                        // Nothing was handed over: every claimed message counts one attempt with the reason.
                        logger.LogWarning(ex, "Could not reach the SMTP server {Host}:{Port}", o.Smtp.Host, o.Smtp.Port);
                        foreach (var mail in batch) await FailAsync(mail, Reason(ex), permanent: false);
                        return claimed;
                    }
                }
                if (!await SendBatchAsync(client, batch, from, ct)) return claimed;
            }
            if (ct.IsCancellationRequested || !client.IsConnected) break;
            batch = await store.ClaimDueAsync(Now, ct);
        }
        try
        {
            if (client.IsConnected) await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            logger.LogDebug(ex, "SMTP QUIT failed after the batch was sent");
        }
        return claimed;
    }

    /// <summary>
    /// Sends one claimed batch on an open connection and records the accepted messages as sent, in one
    /// write, before it returns, whatever happened. False when the connection was lost (the message in
    /// flight failed, the rest were given back untried).
    /// </summary>
    private async Task<bool> SendBatchAsync(SmtpClient client, IReadOnlyList<ClaimedMail> batch, MailboxAddress from, CancellationToken ct)
    {
        var accepted = new List<ClaimedMail>(batch.Count);
        try
        {
            for (var n = 0; n < batch.Count; n++)
            {
                var mail = batch[n];
                if (ct.IsCancellationRequested || !client.IsConnected)
                {
                    // Stopping, or the server hung up after a refusal: the rest wait for the next pass.
                    await store.ReleaseAsync(batch.Skip(n), Now, CancellationToken.None);
                    return true;
                }
                try
                {
                    // Not cancelled by shutdown: a message handed over is recorded before the relay stops.
                    await client.SendAsync(Build(mail, from), CancellationToken.None);
                    accepted.Add(mail);
                }
                catch (SmtpCommandException ex)
                {
                    // The server refused this message (its recipient, its content); the connection stays usable.
                    var permanent = (int)ex.StatusCode >= 500 && ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted;
                    await FailAsync(mail, Reason(ex), permanent);
                }
                catch (Exception ex) when (IsConnectionFailure(ex))
                {
                    logger.LogWarning(ex, "Lost the SMTP server mid-batch; {Count} messages wait for the next pass", batch.Count - n);
                    await FailAsync(mail, Reason(ex), permanent: false);
                    await store.ReleaseAsync(batch.Skip(n + 1), Now + MailDeliveryStore.RetryDelay(1), CancellationToken.None);
                    return false;
                }
            }
            return true;
        }
        finally
        {
            await store.SentAsync(accepted, Now, CancellationToken.None);
            metrics?.Sent(accepted.Count);
        }
    }

    /// <summary>The MIME message of an outbox row: its stable Message-Id, text (and HTML) body, and RFC 8058 unsubscribe headers when it has a URL.</summary>
    public static MimeMessage Build(ClaimedMail mail, MailboxAddress from)
    {
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(new MailboxAddress(mail.ToName ?? "", mail.ToAddress));
        message.Subject = mail.Subject;
        message.MessageId = $"{mail.MessageId}@{Domain(from)}";
        message.Date = new DateTimeOffset(DateTime.SpecifyKind(mail.CreatedAt, DateTimeKind.Utc));
        // Tells auto-responders not to answer (RFC 3834).
        message.Headers.Add("Auto-Submitted", "auto-generated");
        if (mail.UnsubscribeUrl is { } url)
        {
            message.Headers.Add("List-Unsubscribe", $"<{url}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        message.Body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody }.ToMessageBody();
        return message;
    }

    private static string Domain(MailboxAddress from) => from.Address.LastIndexOf('@') is var at and > 0 ? from.Address[(at + 1)..] : "localhost";

    private static async Task ConnectAsync(SmtpClient client, SmtpOptions smtp, CancellationToken ct)
    {
        var security = !smtp.UseTls ? SecureSocketOptions.None : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await client.ConnectAsync(smtp.Host!, smtp.Port, security, ct); // set: the relay runs only when mail is on
        if (!string.IsNullOrEmpty(smtp.User)) await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
    }

    private async Task FailAsync(ClaimedMail mail, string reason, bool permanent)
    {
        var retry = await store.FailedAsync(mail, Now, reason, permanent, CancellationToken.None);
        metrics?.Failed(retry);
        if (!retry) logger.LogWarning("Mail {Id} ({Kind}) failed for good after {Attempts} attempts: {Reason}", mail.Id, mail.Kind, mail.Attempts + 1, reason);
    }

    private static string Reason(Exception ex) => ex switch
    {
        SmtpCommandException c => $"SMTP {(int)c.StatusCode}: {c.Message}",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };

    private static bool IsConnectionFailure(Exception ex) => ex is IOException or SocketException or SmtpProtocolException
        or ServiceNotConnectedException or ServiceNotAuthenticatedException or AuthenticationException or SslHandshakeException
        or TimeoutException or OperationCanceledException;
}
