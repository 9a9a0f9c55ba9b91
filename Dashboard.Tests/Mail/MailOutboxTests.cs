using System.Collections.Concurrent;
using System.Diagnostics;
using Dashboard.Data.Mail;
using Dashboard.Mail;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Mail;

/// <summary>
/// The mail outbox and its relay against a real SMTP server (<see cref="SmtpSink"/>): what is queued in
/// a door write is sent once, readable, with its headers; an outage loses nothing and repeats nothing.
/// </summary>
public class MailOutboxTests
{
    /// <summary>The database these tests run on; <see cref="MailOutboxTestsOnPostgreSql"/> runs them all again on PostgreSQL.</summary>
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    private static MailDraft Draft(int n, string to = "alice@example.com") =>
        new($"test:{n}:{to}", to, $"Update {n} on checkout errors", $"Text of update {n}.", "status.update");

    [Fact]
    public async Task Queued_mail_is_delivered_once_with_its_subject_bodies_and_one_click_unsubscribe_headers()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var rig = await MailRig.CreateAsync(smtp.Port, Store);
        var (result, _) = await rig.EnqueueAsync(Draft(1) with
        {
            ToName = "Alice Ng", HtmlBody = "<p>Text of update <b>1</b>.</p>", UnsubscribeUrl = "https://status.example.com/unsubscribe?t=abc",
        });
        Assert.True(result.Succeeded);

        Assert.Equal(1, await rig.SendDueAsync());

        var message = Assert.Single(smtp.Messages());
        var row = Assert.Single(rig.Rows());
        Assert.Equal("Update 1 on checkout errors", message.Subject);
        Assert.Equal("Text of update 1.", message.TextBody?.Trim());
        Assert.Equal("<p>Text of update <b>1</b>.</p>", message.HtmlBody?.Trim());
        Assert.Equal("alice@example.com", message.To.Mailboxes.Single().Address);
        Assert.Equal("Alice Ng", message.To.Mailboxes.Single().Name);
        Assert.Equal("board@incidents.example.com", message.From.Mailboxes.Single().Address);
        Assert.Equal("alice@example.com", message.Headers["X-Envelope-To"]);
        Assert.Equal("<https://status.example.com/unsubscribe?t=abc>", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Equal(row.MessageId + "@incidents.example.com", message.MessageId);
        Assert.Equal((MailState.Sent, 1, rig.Clock.GetUtcNow().UtcDateTime), (row.State, row.Attempts, row.SentAt));

        // Sent is sent: another pass sends nothing.
        Assert.Equal(0, await rig.SendDueAsync());
        Assert.Single(smtp.Messages());
    }

    [Fact]
    public async Task Each_batch_handed_to_the_smtp_server_is_one_client_span_naming_the_server()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MailRelay.Traces.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var smtp = await SmtpSink.StartAsync();
        await using var rig = await MailRig.CreateAsync(smtp.Port, Store);
        await rig.EnqueueAsync(Draft(1), Draft(2));

        Assert.Equal(2, await rig.SendDueAsync());

        // Other tests send mail at the same time: this one's span is the one naming its server's port.
        var span = Assert.Single(spans, s => Equals(s.GetTagItem("server.port"), smtp.Port));
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(2, span.GetTagItem("incidentboard.mail.batch"));
    }

    [Fact]
    public async Task Mail_without_an_unsubscribe_url_has_no_list_headers()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var rig = await MailRig.CreateAsync(smtp.Port, Store);
        await rig.EnqueueAsync(Draft(1));
        await rig.SendDueAsync();
        var message = Assert.Single(smtp.Messages());
        Assert.Null(message.Headers["List-Unsubscribe"]);
        Assert.Null(message.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public async Task The_same_idempotency_key_is_queued_once_within_a_write_and_across_writes()
    {
        await using var rig = await MailRig.CreateAsync(smtpPort: null, Store);
        var (_, first) = await rig.EnqueueAsync(Draft(1), Draft(1));
        var (_, second) = await rig.EnqueueAsync(Draft(1), Draft(2));

        Assert.Equal([true, false], first.Select(q => q.Queued));
        Assert.Equal([false, true], second.Select(q => q.Queued));
        Assert.Equal(["test:1:alice@example.com", "test:2:alice@example.com"], rig.Rows().Select(r => r.IdempotencyKey));
    }

    [Fact]
    public async Task Mail_queued_in_a_write_that_is_refused_is_not_kept()
    {
        await using var rig = await MailRig.CreateAsync(smtpPort: null, Store);
        var (result, queued) = await rig.EnqueueAsync(commit: false, Draft(1));
        Assert.True(queued.Single().Queued);
        Assert.False(result.Succeeded);
        Assert.Empty(rig.Rows());
    }

    [Fact]
    public async Task A_fan_out_queues_each_valid_draft_once_and_only_if_its_write_commits()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var rig = await MailRig.CreateAsync(smtp.Port, Store);
        await rig.EnqueueAsync(Draft(1)); // committed before
        var fanOut = new[]
        {
            Draft(1), Draft(2), Draft(2), Draft(3) with { Subject = "Hello\r\nBcc: everyone@example.com" }, Draft(4),
            Draft(5) with { UnsubscribeUrl = "https://status.example.com/unsubscribe?t=5" },
        };

        var refused = await FanOutAsync(rig, commit: false, fanOut);
        Assert.Equal(2, refused);
        Assert.Single(rig.Rows()); // the refused write's rows went with it

        var queued = await FanOutAsync(rig, commit: true, fanOut);

        // Draft 1 was committed before, draft 2 is repeated, draft 3 would inject a header, draft 4 was queued by the same write first.
        Assert.Equal(2, queued);
        var rows = rig.Rows();
        Assert.Equal(["test:1:alice@example.com", "test:2:alice@example.com", "test:4:alice@example.com", "test:5:alice@example.com"], rows.Select(r => r.IdempotencyKey).Order());
        Assert.All(rows, r => Assert.Equal((MailState.Queued, 0), (r.State, r.Attempts)));
        Assert.Equal(rows.Count, rows.Select(r => r.MessageId).Distinct().Count());
        Assert.Equal(4, await rig.SendDueAsync());
        var five = Assert.Single(smtp.Messages(), m => m.Subject == "Update 5 on checkout errors");
        Assert.Equal("<https://status.example.com/unsubscribe?t=5>", five.Headers["List-Unsubscribe"]);
        Assert.Equal(rows.Single(r => r.IdempotencyKey == "test:5:alice@example.com").MessageId + "@incidents.example.com", five.MessageId);
        Assert.Equal(4, smtp.Messages().Count);
    }

    /// <summary>One door write that queues draft 4 on its own, then fans <paramref name="drafts"/> out; how many rows the fan-out queued.</summary>
    private static async Task<int> FanOutAsync(MailRig rig, bool commit, MailDraft[] drafts)
    {
        var queued = 0;
        await rig.Get<WriteDoor>().RunAsync(TestServices.Owner, Permission.Read, "mail", async write =>
        {
            await MailOutbox.EnqueueAsync(write, Draft(4));
            queued = await MailOutbox.EnqueueManyAsync(write, drafts);
            return commit ? CommandResult.Ok("mail") : write.Invalid("", "The rest of the write was refused.");
        });
        return queued;
    }

    [Fact]
    public async Task Connections_sending_at_once_deliver_each_message_once()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var rig = await MailRig.CreateAsync(smtp.Port, Store, new() { ["Mail:BatchSize"] = "7" });
        await rig.EnqueueAsync([.. Enumerable.Range(1, 60).Select(n => Draft(n))]);
        var relay = rig.Get<MailRelay>();

        var claimed = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => relay.SendDueAsync(CancellationToken.None))));

        Assert.Equal(60, claimed.Sum());
        var messages = smtp.Messages();
        Assert.Equal(60, messages.Count);
        Assert.Equal(60, messages.Select(m => m.MessageId).Distinct().Count());
        Assert.All(rig.Rows(), r => Assert.Equal((MailState.Sent, 1), (r.State, r.Attempts)));
    }

    [Theory]
    [InlineData("Subject", "Hello\r\nBcc: everyone@example.com")]
    [InlineData("Subject", "Hello\nBcc: everyone@example.com")]
    [InlineData("ToName", "Alice\r\nBcc: everyone@example.com")]
    [InlineData("ToAddress", "alice@example.com\r\nBcc: everyone@example.com")]
    [InlineData("ToAddress", "Alice <alice@example.com>")]
    [InlineData("ToAddress", "alice@example.com, everyone@example.com")]
    [InlineData("ToAddress", "not an address")]
    [InlineData("UnsubscribeUrl", "https://example.com/u>\r\nBcc: everyone@example.com")]
    public async Task Header_injection_and_malformed_addresses_are_refused_and_nothing_is_queued(string field, string value)
    {
        await using var rig = await MailRig.CreateAsync(smtpPort: null, Store);
        var draft = field switch
        {
            "Subject" => Draft(1) with { Subject = value },
            "ToName" => Draft(1) with { ToName = value },
            "ToAddress" => Draft(1) with { ToAddress = value },
            _ => Draft(1) with { UnsubscribeUrl = value },
        };
        var (result, queued) = await rig.EnqueueAsync(draft);

        Assert.False(result.Succeeded);
        Assert.True(queued.Single().Errors.ContainsKey(field));
        Assert.Empty(rig.Rows());
    }

    [Fact]
    public async Task An_smtp_server_stopped_mid_batch_loses_nothing_and_repeats_nothing_once_it_is_back()
    {
        // The server dies when the fifth message starts, after accepting four.
        await using var smtp = await SmtpSink.StartAsync(stopAfter: 4);
        await using var rig = await MailRig.CreateAsync(smtp.Port, Store);
        await rig.EnqueueAsync([.. Enumerable.Range(1, 10).Select(n => Draft(n))]);

        Assert.Equal(10, await rig.SendDueAsync());

        Assert.Equal(4, smtp.Messages().Count);
        await smtp.WaitForExitAsync();
        var rows = rig.Rows();
        Assert.Equal(4, rows.Count(r => r.State == MailState.Sent));
        var failed = Assert.Single(rows, r => r.Attempts == 1 && r.State == MailState.Queued);
        Assert.NotNull(failed.LastError);
        Assert.Equal(5, rows.Count(r => r.Attempts == 0 && r.State == MailState.Queued));

        // Still down: the next pass (after the backoff) sends nothing and loses nothing.
        rig.Clock.Advance(TimeSpan.FromMinutes(5));
        await rig.SendDueAsync();
        Assert.Equal(6, rig.Rows().Count(r => r.State == MailState.Queued));

        await smtp.RestartAsync();
        rig.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(6, await rig.SendDueAsync());

        var messages = smtp.Messages();
        Assert.Equal(10, messages.Count);
        rows = rig.Rows();
        Assert.All(rows, r => Assert.Equal(MailState.Sent, r.State));
        Assert.Equal(rows.Select(r => r.MessageId + "@incidents.example.com").Order(), messages.Select(m => m.MessageId).Order());
        Assert.Equal(rows.Select(r => r.Subject).Order(), messages.Select(m => m.Subject).Order());
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_marked_failed_with_the_reason_after_the_set_number_of_attempts()
    {
        // A port nobody listens on.
        await using var smtp = await SmtpSink.StartAsync();
        await smtp.StopAsync();
        await using var rig = await MailRig.CreateAsync(smtp.Port, Store, new() { ["Mail:MaxAttempts"] = "3" });
        await rig.EnqueueAsync(Draft(1));

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(1, await rig.SendDueAsync());
            rig.Clock.Advance(TimeSpan.FromHours(2));
        }

        var row = Assert.Single(rig.Rows());
        Assert.Equal((MailState.Failed, 3), (row.State, row.Attempts));
        Assert.Contains("Socket", row.LastError);
        var listed = Assert.Single(await rig.Get<MailDeliveryStore>().FailedAsync(50, CancellationToken.None));
        Assert.Equal((row.Id, row.LastError), (listed.Id, listed.LastError));
        Assert.Equal(0, await rig.SendDueAsync());
    }

    [Fact]
    public async Task Mail_queued_before_a_restart_and_mail_claimed_by_a_relay_that_died_are_sent_by_the_next_host()
    {
        await using var smtp = await SmtpSink.StartAsync();
        // First host: mail is off (no SMTP host); three messages queue.
        await using var rig = await MailRig.CreateAsync(smtpPort: null, Store);
        Assert.Null(rig.Worker);
        await rig.EnqueueAsync(Draft(1), Draft(2), Draft(3));
        Assert.Equal(0, await rig.SendDueAsync());

        // A relay claims two of them, then its process dies before sending.
        await rig.RestartAsync(smtp.Port);
        await rig.Get<MailDeliveryStore>().ClaimDueAsync(rig.Clock.GetUtcNow().UtcDateTime, CancellationToken.None);
        await rig.RestartAsync(smtp.Port);
        rig.Clock.Advance(TimeSpan.FromMinutes(3)); // past the dead relay's lease

        // The new host's own relay sends all three, once.
        var worker = rig.Worker!;
        await worker.StartAsync(CancellationToken.None);
        try
        {
            var messages = await smtp.WaitForAsync(3);
            Assert.Equal(["Update 1 on checkout errors", "Update 2 on checkout errors", "Update 3 on checkout errors"], messages.Select(m => m.Subject).Order());
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
        Assert.All(rig.Rows(), r => Assert.Equal(MailState.Sent, r.State));
        Assert.Equal(3, smtp.Messages().Count);
    }
}

public sealed class MailOutboxTestsOnPostgreSql : MailOutboxTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
