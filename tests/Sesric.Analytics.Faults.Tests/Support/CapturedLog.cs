using System.Collections.Concurrent;
using System.Text;

using Microsoft.Extensions.Logging;

namespace Sesric.Analytics.Faults.Tests.Support;

/// <summary>Keeps every log entry (message and exception text, as a console logger would write them) to count and search.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    /// <summary>Every entry so far, in order.</summary>
    public IReadOnlyList<string> Entries => _entries.ToArray();

    /// <summary>The characters written so far (what an operator's disk would hold, give or take the prefix).</summary>
    public long Characters => _entries.Sum(e => (long)e.Length);

    /// <summary>All entries as one text.</summary>
    public string Text => string.Join('\n', _entries);

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder().Append(logLevel).Append(": ").Append(category).Append(": ").Append(formatter(state, exception));
            if (exception is not null)
            {
                line.Append('\n').Append(exception);
            }
            log._entries.Enqueue(line.ToString());
        }
    }
}
