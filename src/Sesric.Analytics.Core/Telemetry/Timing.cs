using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Sesric.Analytics.Telemetry;

/// <summary>Records the seconds from its creation to its disposal in a histogram: <c>using var t = new Timing(h);</c>.</summary>
/// <param name="histogram">Where the elapsed time goes.</param>
public readonly struct Timing(Histogram<double> histogram) : IDisposable
{
    private readonly long _started = Stopwatch.GetTimestamp();

    /// <summary>Records the elapsed time.</summary>
    public void Dispose() => histogram?.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds);
}
