using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Data.Mail;
using Dashboard.Data.StatusPages;
using Dashboard.Mail;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Dashboard.Benchmarks;

/// <summary>
/// The status pages' "update reaches the page" goals, on the published app against a real SMTP server
/// (aiosmtpd, <c>smtp_count.py</c>): an update published to a public page with 10,000 confirmed
/// subscribers must be on the page, in its JSON and in its feed within 1 s; its mail handed to the SMTP
/// server within 10 s; and sending the 10,000 messages may take at most twice what MailKit alone takes to
/// send the very same 10,000 messages (read back from the outbox, built by the relay's own
/// <see cref="MailRelay.Build"/>) to the same server over the same number of connections, in the same run.
/// The app's time runs from the moment the publish request returned (the mail is committed in the
/// outbox) to the last message the server accepted, so it includes the relay's polling, claiming and
/// bookkeeping; the yardstick's from its first connect to its last accepted message.
/// </summary>
public static class MailBench
{
    private const string Slug = "2025-11-18-cloudflare-bot-management";
    private const string Page = "mail-rate";
    private const int Subscribers = 10_000;

    public static async Task MeasureAsync(string appDll, string databasePath, IDbContextFactory<IncidentBoardDbContext> dbFactory, int rounds = 3)
    {
        var key = await StatusFloodBench.AdminKeyAsync(appDll, databasePath);
        await using var sink = await CountingSmtp.StartAsync();
        var connections = new MailOptions().Connections;
        await using var app = await AppProcess.StartAsync(appDll, databasePath, environment: new Dictionary<string, string>
        {
            ["RateLimits__StatusPages__PermitLimit"] = "100000000", ["RateLimits__Api__PermitLimit"] = "100000",
            ["Mail__Smtp__Host"] = "127.0.0.1", ["Mail__Smtp__Port"] = sink.Port.ToString(), ["Mail__Smtp__UseTls"] = "false",
            ["Mail__From"] = "IncidentBoard <status@bench.example>",
        });
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        await EnsurePageAsync(http, dbFactory);
        await WaitForOutboxEmptyAsync(dbFactory);

        Console.WriteLine();
        Console.WriteLine($"update reaches the page: the published app, a public page with {Subscribers:N0} confirmed subscribers, aiosmtpd (smtp_count.py) on loopback; " +
                          $"the relay's default of {connections} SMTP connection(s), the MailKit yardstick over as many");
        Console.WriteLine($"  {"round",-6} {"page",8} {"JSON",8} {"feed",8} {"first mail",11} {"last mail",10} {"app send",9} {"MailKit",8} {"ratio",6}   (seconds after publishing; goals: page/JSON/feed ≤ 1, last mail ≤ 10, ratio ≤ 2)");
        var verdicts = new List<bool>();
        // Round 0 warms up: the app's first publish compiles the relay's code and reads the subscribers
        // from a cold cache (it took 2.2× in two runs against 1.45× warm); it is printed, not judged.
        for (var round = 0; round <= rounds; round++)
        {
            var title = $"Mail rate round {round} {Guid.NewGuid():N}"[..40];
            var id = await DraftAsync(http, title);
            var baseCount = sink.Count;
            var clock = Stopwatch.StartNew();
            var published = await http.PostAsJsonAsync($"api/v1/incidents/{Slug}/status-updates/{id}/publish", new { pages = new[] { Page } });
            StatusFloodBench.Check(published);
            var committed = clock.Elapsed;
            var pageUrl = app.BaseUrl + $"pages/{Page}";
            var seen = await Task.WhenAll(
                SeenAsync(pageUrl, title, clock), SeenAsync(pageUrl + "/api/v2/incidents.json", title, clock), SeenAsync(pageUrl + "/feed.atom", title, clock));
            var (first, last) = await sink.WaitForAsync(baseCount, Subscribers, clock, TimeSpan.FromMinutes(3));
            var appSend = last - committed;
            await WaitForOutboxEmptyAsync(dbFactory);

            var messages = await MessagesAsync(dbFactory, id);
            var yardstick = await MailKitAloneAsync(messages, sink, connections);
            var ratio = appSend / yardstick;
            var ok = seen.All(s => s <= TimeSpan.FromSeconds(1)) && last <= TimeSpan.FromSeconds(10) && ratio <= 2;
            if (round > 0) verdicts.Add(ok);
            Console.WriteLine($"  {(round == 0 ? "warm-up" : round.ToString()),-6} {S(seen[0]),8} {S(seen[1]),8} {S(seen[2]),8} {S(first),11} {S(last),10} {S(appSend),9} {S(yardstick),8} {ratio,6:F2}   {(round == 0 ? "(not judged)" : ok ? "ok" : "BELOW GOAL")}" +
                              $"   (publish request {committed.TotalMilliseconds:F0} ms)");
        }
        Console.WriteLine($"  {(verdicts.All(v => v) ? $"all {rounds} rounds after the warm-up met the goals" : "BELOW GOAL in some round")}");
    }

    private static string S(TimeSpan t) => t.TotalSeconds.ToString("F2", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A public page for the seeded Cloudflare services and its 10,000 confirmed subscribers (written once, straight into the bench's database).</summary>
    private static async Task EnsurePageAsync(HttpClient http, IDbContextFactory<IncidentBoardDbContext> dbFactory)
    {
        if (!(await http.GetAsync($"api/v1/status-pages/{Page}")).IsSuccessStatusCode)
            StatusFloodBench.Check(await http.PostAsJsonAsync("api/v1/status-pages", new
            {
                key = Page, name = "Mail rate", audience = "Public", description = "A public page with many subscribers.",
                components = new[] { new { serviceKey = "cf-cdn-core", displayName = "CDN" } },
            }));
        await using var db = await dbFactory.CreateDbContextAsync();
        var pageId = await db.StatusPages.Where(p => p.Key == Page).Select(p => p.Id).SingleAsync();
        var have = await db.StatusSubscribers.CountAsync(s => s.StatusPageId == pageId);
        if (have >= Subscribers) return;
        var now = DateTime.UtcNow;
        db.StatusSubscribers.AddRange(Enumerable.Range(have, Subscribers - have).Select(n => new StatusSubscriber
        {
            StatusPageId = pageId, Email = $"subscriber{n:D5}@bench.example", Token = StatusSubscriber.NewToken(),
            CreatedAt = now, ConfirmedAt = now, LastMailedAt = now,
        }));
        await db.SaveChangesAsync();
    }

    private static async Task<int> DraftAsync(HttpClient http, string title)
    {
        var draft = await http.PostAsJsonAsync($"api/v1/incidents/{Slug}/status-updates", new
        {
            title, state = "Identified", body = "We found the cause and are rolling back. " + new string('x', 400),
            components = new Dictionary<string, string> { ["cf-cdn-core"] = "MajorOutage" },
        });
        StatusFloodBench.Check(draft);
        return JsonDocument.Parse(await draft.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
    }

    /// <summary>Polls <paramref name="url"/> (every 5 ms) until it shows <paramref name="text"/>; the time on <paramref name="clock"/> when it did.</summary>
    private static async Task<TimeSpan> SeenAsync(string url, string text, Stopwatch clock)
    {
        using var http = new HttpClient();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if ((await http.GetStringAsync(url)).Contains(text, StringComparison.Ordinal)) return clock.Elapsed;
            await Task.Delay(5);
        }
        throw new TimeoutException($"{url} never showed the update");
    }

    private static async Task WaitForOutboxEmptyAsync(IDbContextFactory<IncidentBoardDbContext> dbFactory)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var waiting = await db.OutboundMails.CountAsync(m => m.State == MailState.Queued);
            if (waiting == 0) return;
            if (clock.Elapsed > TimeSpan.FromMinutes(3)) throw new TimeoutException($"{waiting} messages still queued after 3 minutes");
            await Task.Delay(200);
        }
    }

    /// <summary>The same messages the relay sent for update <paramref name="updateId"/>, built the same way, ready before the yardstick's clock starts.</summary>
    private static async Task<List<MimeMessage>> MessagesAsync(IDbContextFactory<IncidentBoardDbContext> dbFactory, int updateId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var prefix = $"status-update:{updateId}:";
        var rows = await db.OutboundMails.AsNoTracking().Where(m => m.IdempotencyKey.StartsWith(prefix)).OrderBy(m => m.Id)
            .Select(m => new ClaimedMail(m.Id, Guid.Empty, m.MessageId, m.ToAddress, m.ToName, m.Subject, m.TextBody, m.HtmlBody, m.Kind, m.UnsubscribeUrl, m.Attempts, m.CreatedAt))
            .ToListAsync();
        if (rows.Count != Subscribers) throw new InvalidOperationException($"the outbox holds {rows.Count} messages for the update, not {Subscribers}");
        var from = MailboxAddress.Parse("IncidentBoard <status@bench.example>");
        return [.. rows.Select(r => MailRelay.Build(r, from))];
    }

    /// <summary>MailKit alone: the messages split over <paramref name="connections"/> connections, each sent in turn on its connection.</summary>
    private static async Task<TimeSpan> MailKitAloneAsync(List<MimeMessage> messages, CountingSmtp sink, int connections)
    {
        var baseCount = sink.Count;
        var clock = Stopwatch.StartNew();
        var share = (messages.Count + connections - 1) / connections;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async c =>
        {
            using var client = new SmtpClient();
            await client.ConnectAsync("127.0.0.1", sink.Port, SecureSocketOptions.None);
            foreach (var message in messages.Skip(c * share).Take(share)) await client.SendAsync(message);
            await client.DisconnectAsync(quit: true);
        }));
        var (_, last) = await sink.WaitForAsync(baseCount, messages.Count, clock, TimeSpan.FromMinutes(3));
        return last;
    }

    /// <summary>smtp_count.py on a free loopback port; every line it prints is one accepted message, timestamped as it is read.</summary>
    private sealed class CountingSmtp : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly List<long> _accepted = [];
        private readonly Task _reader;

        private CountingSmtp(Process process, int port)
        {
            (_process, Port) = (process, port);
            _reader = Task.Run(async () =>
            {
                while (await _process.StandardOutput.ReadLineAsync() is { } line)
                    if (line.Length > 0 && char.IsAsciiDigit(line[0]))
                        lock (_accepted) _accepted.Add(Stopwatch.GetTimestamp());
            });
        }

        public int Port { get; }

        public int Count
        {
            get { lock (_accepted) return _accepted.Count; }
        }

        public static async Task<CountingSmtp> StartAsync()
        {
            var port = AppProcess.FreePort();
            var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "smtp_count.py"));
            start.ArgumentList.Add(port.ToString());
            var process = Process.Start(start)!;
            var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            if (ready != "ready") throw new InvalidOperationException($"smtp_count.py did not start (apt-get install python3-aiosmtpd): {await process.StandardError.ReadToEndAsync()}");
            return new CountingSmtp(process, port);
        }

        /// <summary>Waits for <paramref name="count"/> messages after the first <paramref name="after"/>; when the first and the last of them arrived, on <paramref name="clock"/>.</summary>
        public async Task<(TimeSpan First, TimeSpan Last)> WaitForAsync(int after, int count, Stopwatch clock, TimeSpan timeout)
        {
            var started = Stopwatch.GetTimestamp() - clock.ElapsedTicks; // when the clock was started, in timestamps
            while (Count < after + count)
            {
                if (clock.Elapsed > timeout) throw new TimeoutException($"the SMTP server accepted {Count - after} of {count} messages");
                await Task.Delay(5);
            }
            lock (_accepted)
                return (Stopwatch.GetElapsedTime(started, _accepted[after]), Stopwatch.GetElapsedTime(started, _accepted[after + count - 1]));
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            await _reader;
            _process.Dispose();
        }
    }
}
