using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Dashboard.Host.Telemetry;

/// <summary>Counts the interactive circuits this instance holds: each is memory and a socket, and what a rolling restart drops.</summary>
public sealed class ActiveCircuits(AppMetrics metrics) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitClosed();
        return Task.CompletedTask;
    }
}
