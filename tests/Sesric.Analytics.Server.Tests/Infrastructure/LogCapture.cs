using System.Collections.Concurrent;

using Microsoft.Extensions.Logging;

namespace Sesric.Analytics.Server.Tests.Infrastructure;

/// <summary>Keeps what the service logs, as a console would print it (message and exception).</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public long Characters => _lines.Sum(l => (long)l.Length);

    public string Text => string.Join('\n', _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(_lines, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> lines, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel}: {category}: {formatter(state, exception)}{(exception is null ? "" : "\n" + exception)}");
    }
}
