using System.Diagnostics;

using Sesric.Analytics.Telemetry;

namespace Sesric.Analytics.Application.Statistics;

/// <summary>Waiting at the store's concurrency gate, measured: queue length while waiting, and the wait itself.</summary>
internal static class GateTelemetry
{
    /// <summary>Enters <paramref name="gate"/> as <see cref="SemaphoreSlim.WaitAsync(CancellationToken)"/> does, recording the wait.</summary>
    /// <remarks>A free gate is taken without queueing (and records a wait of 0), so the queue length counts only real waiters.</remarks>
    public static async Task WaitMeasuredAsync(this SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        if (gate.Wait(0, CancellationToken.None))
        {
            SesricTelemetry.GateWait.Record(0);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        SesricTelemetry.GateQueueLength.Add(1);
        try
        {
            await gate.WaitAsync(cancellationToken);
        }
        finally
        {
            SesricTelemetry.GateQueueLength.Add(-1);
            SesricTelemetry.GateWait.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
