using System.Globalization;
using System.Net;

namespace Dashboard.Benchmarks;

/// <summary>
/// What OpenTelemetry costs (issue "run it the way SREs run their own services": with OTLP export on, the
/// /incidents rate under load is at least 90% of the rate with it off, in the same run). The published app
/// is started alternately without and with OTEL_EXPORTER_OTLP_ENDPOINT, on the same database, and wrk
/// loads /incidents as in <see cref="LoadBench"/>. The collector is a local OTLP/HTTP sink in this process
/// that reads each export and answers 200, so the app does all of its exporting work (spans, metrics,
/// logs, serialised and sent) and the sink's own work runs on the same two cores, as a local collector would.
/// </summary>
public static class TelemetryCostBench
{
    public static async Task MeasureAsync(string appDll, string databasePath, Microsoft.Playwright.IBrowser browser, int rounds = 2, int seconds = 10)
    {
        using var sink = new OtlpSink();
        Console.WriteLine();
        Console.WriteLine($"telemetry cost: /incidents under wrk -t2 -c16 -d{seconds}s, OTLP export off vs on (to a local OTLP/HTTP sink at {sink.Endpoint}), alternating, {rounds} rounds (goal: on ≥ 90% of off)");
        var rates = new Dictionary<bool, List<double>> { [false] = [], [true] = [] };
        for (var round = 0; round < rounds; round++)
            foreach (var on in new[] { false, true })
            {
                var environment = on
                    ? new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = sink.Endpoint, ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf" }
                    : [];
                var received = sink.Requests;
                await using var app = await AppProcess.StartAsync(appDll, databasePath, environment: environment);
                var signedIn = await BenchAccount.SignInAsync(browser, app.BaseUrl);
                var cookie = BenchAccount.CookieHeader(signedIn);
                await LoadBench.RunWrkAsync(app.BaseUrl + "incidents", cookie, 3); // warm-up: JIT, query compilation
                var result = await LoadBench.RunWrkAsync(app.BaseUrl + "incidents", cookie, seconds);
                rates[on].Add(result.PerSecond);
                await Task.Delay(TimeSpan.FromSeconds(on ? 6 : 0)); // let the batch exporter send what the run traced
                Console.WriteLine($"  round {round + 1}, OTLP {(on ? "on " : "off")}: {result.PerSecond,7:F0} req/s, p50 {result.P50Ms,6:F1} ms, p95 {result.P95Ms,6:F1} ms, errors {result.Errors}" +
                                  (on ? $", sink received {sink.Requests - received} exports ({sink.Bytes / 1024.0:F0} KB in all so far)" : ""));
            }
        var off = rates[false].Average();
        var onRate = rates[true].Average();
        var ratio = onRate / off;
        Console.WriteLine($"  mean: off {off.ToString("F0", CultureInfo.InvariantCulture)} req/s, on {onRate.ToString("F0", CultureInfo.InvariantCulture)} req/s; on/off = {ratio:P1} {(ratio >= 0.9 ? "ok" : "BELOW GOAL")}");
        Console.WriteLine($"  off runs among themselves: {rates[false].Min():F0}–{rates[false].Max():F0} req/s (the noise between runs)");
    }

    /// <summary>An OTLP/HTTP receiver that keeps nothing: it reads each request whole and answers 200 with an empty (valid) protobuf response.</summary>
    private sealed class OtlpSink : IDisposable
    {
        private readonly HttpListener _listener = new();
        private long _requests;
        private long _bytes;

        public OtlpSink()
        {
            var port = AppProcess.FreePort();
            Endpoint = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Endpoint + "/");
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Endpoint { get; }
        public long Requests => Interlocked.Read(ref _requests);
        public long Bytes => Interlocked.Read(ref _bytes);

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException) { return; }
                var buffer = new byte[64 * 1024];
                int read;
                while ((read = await context.Request.InputStream.ReadAsync(buffer)) > 0) Interlocked.Add(ref _bytes, read);
                Interlocked.Increment(ref _requests);
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        }

        public void Dispose() => _listener.Close();
    }
}
