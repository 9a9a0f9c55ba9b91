using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace Dashboard.Benchmarks;

/// <summary>
/// What the app's objects still reachable take, after a full garbage collection the runtime does at
/// our request (as dotnet-gcdump asks for one). The resident memory of a process also counts garbage
/// not yet collected and the heap's spare room, which moved the per-circuit figure from 0.3 to 1.5 MB
/// between runs of the same code; the live set does not.
/// </summary>
public static class LiveHeap
{
    public static async Task<long> BytesAsync(int processId)
    {
        var client = new DiagnosticsClient(processId);
        // Starting a session with the GCHeapCollect keyword makes the runtime run a blocking gen 2 collection.
        var providers = new[]
        {
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational,
                (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect)),
        };
        using var session = client.StartEventPipeSession(providers, requestRundown: false);
        var live = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var induced = false;
        var source = new EventPipeEventSource(session.EventStream);
        source.Clr.GCStart += e => induced |= e.Depth == 2 && e.Reason is Microsoft.Diagnostics.Tracing.Parsers.Clr.GCReason.Induced;
        // After a gen 2 collection, what was promoted is everything still reachable.
        source.Clr.GCHeapStats += e => { if (induced) live.TrySetResult(e.TotalPromoted); };
        var processing = Task.Run(source.Process);
        var result = await live.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await session.StopAsync(CancellationToken.None);
        await processing;
        return result;
    }
}
