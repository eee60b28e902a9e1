using System.Diagnostics;

namespace Sesric.Analytics.Api.Observability;

/// <summary>
/// How many log lines callers without a valid key may cause: <see cref="LinesPerWindow"/> per window, then one
/// line saying how many were left out. Anyone who can reach the port can send bad calls, and each one must not
/// cost the operator's disk a log line.
/// </summary>
/// <threadsafety>Safe to call from any thread.</threadsafety>
public sealed class LogBudget(int linesPerWindow = 20, TimeSpan? window = null, Func<long>? clock = null)
{
    private readonly Lock _gate = new();
    private readonly long _windowTicks = (long)((window ?? TimeSpan.FromSeconds(10)).TotalSeconds * Stopwatch.Frequency);
    private readonly Func<long> _clock = clock ?? Stopwatch.GetTimestamp;
    private long _windowStart = long.MinValue;
    private int _used;
    private long _suppressed;

    /// <summary>The lines allowed in one window.</summary>
    public int LinesPerWindow { get; } = linesPerWindow;

    /// <summary>
    /// Whether one more line may be written now; when a new window opens, <paramref name="suppressed"/> says how
    /// many lines the last one left out (to be said in the line written), else 0.
    /// </summary>
    public bool TryTake(out long suppressed)
    {
        lock (_gate)
        {
            var now = _clock();
            suppressed = 0;
            if (_windowStart == long.MinValue || now - _windowStart >= _windowTicks)
            {
                _windowStart = now;
                _used = 0;
                suppressed = _suppressed;
                _suppressed = 0;
            }
            if (_used < LinesPerWindow)
            {
                _used++;
                return true;
            }
            _suppressed++;
            suppressed = 0;
            return false;
        }
    }
}
