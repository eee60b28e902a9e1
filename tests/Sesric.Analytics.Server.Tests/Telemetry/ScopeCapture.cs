using System.Collections.Concurrent;

using Microsoft.Extensions.Logging;

namespace Sesric.Analytics.Server.Tests.Telemetry;

/// <summary>Keeps each log line with the values of its scopes (as a JSON console or OTLP would carry them).</summary>
public sealed class ScopeCapture : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<(string Category, string Message, Dictionary<string, string?> Scope)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(ScopeCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            owner._scopes.ForEachScope(
                (scope, into) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var (k, v) in pairs)
                        {
                            into[k] = v?.ToString();
                        }
                    }
                },
                values);
            owner.Lines.Enqueue((category, formatter(state, exception), values));
        }
    }
}
