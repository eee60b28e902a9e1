using System.Collections.Concurrent;
using System.Diagnostics;

using Sesric.Analytics.Telemetry;

namespace Sesric.Analytics.Semantic.Tests.Support;

/// <summary>
/// The SQL statements the engine runs inside <see cref="Record"/>, read from its own telemetry (the <c>sesric.sql</c>
/// spans), so a test sees which statement answered. Only spans of this recorder's trace are kept: other tests running
/// at the same time are not counted.
/// </summary>
internal sealed class StatementRecorder : IDisposable
{
    private readonly ActivitySource _root = new("Sesric.Analytics.Tests.Statements." + Guid.NewGuid().ToString("N"));
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<string> _statements = new();
    private ActivityTraceId _trace;

    public StatementRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == SesricTelemetry.Name || s.Name == _root.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> o) =>
                o.Source.Name == _root.Name || (o.Parent != default && o.Parent.TraceId == _trace)
                    ? ActivitySamplingResult.AllDataAndRecorded
                    : ActivitySamplingResult.None,
            ActivityStopped = a =>
            {
                if (a.TraceId == _trace && a.OperationName == "sesric.sql" && a.GetTagItem("db.query.text") is string sql)
                {
                    _statements.Enqueue(sql);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Runs <paramref name="action"/> under a trace of its own and returns the statements it ran, in order.</summary>
    public async Task<IReadOnlyList<string>> Record(Func<Task> action)
    {
        _statements.Clear();
        using (var root = _root.StartActivity("test"))
        {
            _trace = root!.TraceId;
            await action();
        }
        return [.. _statements];
    }

    public void Dispose()
    {
        _listener.Dispose();
        _root.Dispose();
    }
}
