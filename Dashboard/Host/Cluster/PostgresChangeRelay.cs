using System.Text.Json;
using System.Threading.Channels;
using Npgsql;

namespace Dashboard.Host.Cluster;

/// <summary>
/// Carries the change bus between app instances on one PostgreSQL database with LISTEN/NOTIFY, so
/// no broker is needed. Every change this instance publishes (after its commit) is sent as a
/// NOTIFY; every notification from another instance is delivered to this instance's subscribers.
/// A notification names its sender, so an instance never hears its own changes twice.
/// <para>
/// NOTIFY is not stored: what is sent while an instance is not listening never reaches it. So
/// whenever the relay (re)establishes LISTEN it tells its own instance that everything may have
/// changed: every cache moves to a new generation and every open view reads again, which catches up
/// with whatever was missed. A change whose NOTIFY fails is kept and sent first once reconnected, so
/// the other instances hear every change, in order (perhaps twice, which only costs a reload).
/// </para>
/// </summary>
public sealed class PostgresChangeRelay : BackgroundService
{
    public const string Channel = "incidentboard_changes";
    private const int MaxPayloadBytes = 7900; // PostgreSQL refuses payloads of 8000 bytes or more

    private readonly DatabaseOptions _database;
    private readonly ChangeBus _bus;
    private readonly ILogger<PostgresChangeRelay> _log;
    private readonly Channel<Change> _outgoing = System.Threading.Channels.Channel.CreateUnbounded<Change>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    /// <summary>The change being sent: kept until its NOTIFY succeeded, so a lost connection does not lose it. Only the send loop touches it.</summary>
    private Change? _unsent;

    public PostgresChangeRelay(DatabaseOptions database, ChangeBus bus, ILogger<PostgresChangeRelay> log)
    {
        (_database, _bus, _log) = (database, bus, log);
        bus.ForwardTo(change => _outgoing.Writer.TryWrite(change));
    }

    /// <summary>This instance's name in the notifications it sends.</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    /// <summary>Completes once this instance listens: from then on it hears every other instance's changes.</summary>
    public Task Listening => _listening.Task;

    /// <summary>The application_name of the connection that listens (pg_stat_activity shows it).</summary>
    public string ListenApplicationName => $"ib-listen-{InstanceId:N}";

    /// <summary>The application_name of the connection that sends notifications.</summary>
    public string NotifyApplicationName => $"ib-notify-{InstanceId:N}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(KeepAsync("listen", ListenAsync, stoppingToken), KeepAsync("notify", SendAsync, stoppingToken));

    /// <summary>Runs <paramref name="loop"/> again after a lost connection (a database restart), until the app stops.</summary>
    private async Task KeepAsync(string what, Func<CancellationToken, Task> loop, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try { await loop(ct); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            // Whatever broke the connection (a restart, a network cut, a terminated backend, a
            // timeout), a relay that keeps trying is the only kind that keeps instances in step.
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                _log.LogWarning(ex, "The change relay lost its {What} connection; reconnecting", what);
                try { await Task.Delay(TimeSpan.FromSeconds(1), ct); } catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        // Keepalive: WaitAsync alone would wait forever on a connection that silently died.
        await using var connection = Connect(ListenApplicationName, keepAliveSeconds: 30);
        await connection.OpenAsync(ct);
        connection.Notification += (_, e) => Receive(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
            await listen.ExecuteNonQueryAsync(ct);
        // Listening from here on; what was sent before (while disconnected, or before the first
        // start) is lost, so catch up by reloading everything. Told after LISTEN, so nothing falls between.
        _bus.DeliverEverythingChanged("relay.resynchronised");
        _listening.TrySetResult();
        while (true) await connection.WaitAsync(ct);
    }

    /// <summary>A connection of its own, outside the pool (a broken one is never handed out again), named for pg_stat_activity.</summary>
    private NpgsqlConnection Connect(string applicationName, int keepAliveSeconds = 0) =>
        new(new NpgsqlConnectionStringBuilder(_database.ConnectionString)
        {
            ApplicationName = applicationName,
            Pooling = false,
            KeepAlive = keepAliveSeconds,
        }.ConnectionString);

    private async Task SendAsync(CancellationToken ct)
    {
        await using var connection = Connect(NotifyApplicationName);
        await connection.OpenAsync(ct);
        await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
        var channel = notify.Parameters.AddWithValue("channel", Channel);
        var payload = notify.Parameters.AddWithValue("payload", "");
        while (true)
        {
            // A change whose NOTIFY failed on the last connection goes first, before any later one.
            _unsent ??= await _outgoing.Reader.ReadAsync(ct);
            payload.Value = Serialize(_unsent);
            await notify.ExecuteNonQueryAsync(ct);
            _unsent = null;
        }
    }

    private void Receive(string payload)
    {
        try
        {
            var message = JsonSerializer.Deserialize<Message>(payload);
            if (message is null || message.From == InstanceId) return;
            _bus.Deliver(new Change(new ChangeScope(message.Kind, message.Id), message.Action)
            {
                Audience = message.Audience?.ToHashSet(),
            });
        }
        catch (JsonException ex)
        {
            _log.LogWarning(ex, "Ignored a malformed change notification");
        }
    }

    private string Serialize(Change change)
    {
        var text = JsonSerializer.Serialize(new Message(InstanceId, change.Scope.Kind, change.Scope.Id, change.Action, change.Audience?.ToArray()));
        if (System.Text.Encoding.UTF8.GetByteCount(text) < MaxPayloadBytes) return text;
        // Too many named users to fit: tell only those who see everything, never more people than may know.
        _log.LogWarning("Change {Scope} names too many users for one notification; other instances tell admins only", change.Scope);
        return JsonSerializer.Serialize(new Message(InstanceId, change.Scope.Kind, change.Scope.Id, change.Action, []));
    }

    private sealed record Message(Guid From, string Kind, int Id, string Action, string[]? Audience);
}
