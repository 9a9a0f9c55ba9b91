using System.Text.Json;
using System.Threading.Channels;
using Dashboard.Data.Door;
using Dashboard.Data.Providers;
using Npgsql;

namespace Dashboard.Cluster;

/// <summary>
/// Carries the change bus between app instances on one PostgreSQL database with LISTEN/NOTIFY, so
/// no broker is needed. Every change this instance publishes (after its commit) is sent as a
/// NOTIFY; every notification from another instance is delivered to this instance's subscribers.
/// A notification names its sender, so an instance never hears its own changes twice.
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

    public PostgresChangeRelay(DatabaseOptions database, ChangeBus bus, ILogger<PostgresChangeRelay> log)
    {
        (_database, _bus, _log) = (database, bus, log);
        bus.ForwardTo(change => _outgoing.Writer.TryWrite(change));
    }

    /// <summary>This instance's name in the notifications it sends.</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    /// <summary>Completes once this instance listens: from then on it hears every other instance's changes.</summary>
    public Task Listening => _listening.Task;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(KeepAsync("listen", ListenAsync, stoppingToken), KeepAsync("notify", SendAsync, stoppingToken));

    /// <summary>Runs <paramref name="loop"/> again after a lost connection (a database restart), until the app stops.</summary>
    private async Task KeepAsync(string what, Func<CancellationToken, Task> loop, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try { await loop(ct); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception ex) when (ex is NpgsqlException or System.IO.IOException or InvalidOperationException)
            {
                _log.LogWarning(ex, "The change relay lost its {What} connection; reconnecting", what);
                try { await Task.Delay(TimeSpan.FromSeconds(1), ct); } catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync(ct);
        connection.Notification += (_, e) => Receive(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
            await listen.ExecuteNonQueryAsync(ct);
        _listening.TrySetResult();
        while (true) await connection.WaitAsync(ct);
    }

    private async Task SendAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
        var channel = notify.Parameters.AddWithValue("channel", Channel);
        var payload = notify.Parameters.AddWithValue("payload", "");
        await foreach (var change in _outgoing.Reader.ReadAllAsync(ct))
        {
            payload.Value = Serialize(change);
            await notify.ExecuteNonQueryAsync(ct);
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
