using Dashboard.Data.Mail;
using Dashboard.Mail;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Tests.Mail;

/// <summary>
/// The app's data services and mail relay, as the app registers them, over one real database, on a
/// movable clock. <see cref="RestartAsync"/> throws the services away and builds new ones on the same
/// database: a process that died and came back, possibly now pointed at an SMTP server.
/// </summary>
public sealed class MailRig : IAsyncDisposable
{
    private ServiceProvider _provider;
    private int? _smtpPort;
    private readonly Dictionary<string, string?> _settings;

    private MailRig(TestDatabase database, MovableClock clock, int? smtpPort, Dictionary<string, string?> settings)
    {
        (Database, Clock, _smtpPort, _settings) = (database, clock, smtpPort, settings);
        _provider = Build();
    }

    public TestDatabase Database { get; }
    public MovableClock Clock { get; }

    /// <summary>A rig sending to <paramref name="smtpPort"/> on loopback (mail off when null).</summary>
    public static async Task<MailRig> CreateAsync(int? smtpPort, DatabaseProvider store = DatabaseProvider.Sqlite, Dictionary<string, string?>? settings = null) =>
        new(await TestDatabase.CreateAsync(store), new MovableClock(FixedClock.Default.GetUtcNow()), smtpPort, settings ?? []);

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>The hosted relay, when mail is on.</summary>
    public MailRelayWorker? Worker => _provider.GetServices<IHostedService>().OfType<MailRelayWorker>().SingleOrDefault();

    public Task<int> SendDueAsync() => Get<MailRelay>().SendDueAsync(CancellationToken.None);

    /// <summary>Queues <paramref name="drafts"/> in one door write, as a feature's command would.</summary>
    public async Task<(CommandResult Result, IReadOnlyList<MailEnqueued> Queued)> EnqueueAsync(params MailDraft[] drafts) =>
        await EnqueueAsync(commit: true, drafts);

    public async Task<(CommandResult Result, IReadOnlyList<MailEnqueued> Queued)> EnqueueAsync(bool commit, params MailDraft[] drafts)
    {
        var queued = new List<MailEnqueued>();
        var result = await Get<WriteDoor>().RunAsync(TestServices.Owner, Permission.Read, "mail", async write =>
        {
            foreach (var draft in drafts) queued.Add(await MailOutbox.EnqueueAsync(write, draft));
            if (queued.FirstOrDefault(q => !q.IsValid) is { } refused) return write.Invalid(refused.Errors);
            return commit ? CommandResult.Ok("mail") : write.Invalid("", "The rest of the write was refused.");
        });
        return (result, queued);
    }

    public List<OutboundMail> Rows()
    {
        using var db = Database.CreateDbContext();
        return [.. db.OutboundMails.AsNoTracking().OrderBy(m => m.Id)];
    }

    public async Task RestartAsync(int? smtpPort)
    {
        await _provider.DisposeAsync();
        _smtpPort = smtpPort;
        _provider = Build();
    }

    private ServiceProvider Build()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Mail:From"] = "IncidentBoard <board@incidents.example.com>",
            ["Mail:Smtp:Host"] = _smtpPort is null ? null : "127.0.0.1",
            ["Mail:Smtp:Port"] = _smtpPort?.ToString(),
            ["Mail:Smtp:UseTls"] = "false",
            ["Mail:Timeout"] = "00:00:10",
            ["Mail:PollInterval"] = "00:00:00.100",
        };
        foreach (var (key, value) in _settings) settings[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        TestServices.Register(services, Database, Clock);
        services.AddMail(configuration);
        return services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await Database.DisposeAsync();
    }
}
