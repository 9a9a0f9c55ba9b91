using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Dashboard.Tests.Telemetry;

/// <summary>
/// What the app's console would print, kept in memory: every entry, at every level, written by the
/// console formatter the app configured (the JSON one under Logging:Format=json), scopes included.
/// </summary>
public sealed class CapturedLog(ConsoleFormatter formatter) : ILoggerProvider, ISupportExternalScope
{
    private readonly StringBuilder _text = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public string FormatterName => formatter.Name;

    public string Text
    {
        get { lock (_text) return _text.ToString(); }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() { }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => log._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            using var writer = new StringWriter();
            log.Format(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), writer);
            lock (log._text) log._text.Append(writer);
        }
    }

    private void Format<TState>(in LogEntry<TState> entry, TextWriter writer) => formatter.Write(in entry, _scopes, writer);
}
