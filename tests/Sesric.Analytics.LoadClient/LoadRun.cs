using System.Diagnostics;

namespace Sesric.Analytics.LoadClient;

/// <summary>Figures of one load phase.</summary>
/// <param name="Calls">Calls completed in the measured window.</param>
/// <param name="Errors">Calls that failed.</param>
/// <param name="Seconds">The measured window.</param>
/// <param name="P50Ms">Median latency.</param>
/// <param name="P99Ms">99th-percentile latency.</param>
/// <param name="ErrorCodes">The status codes of the failed calls, with counts.</param>
internal sealed record LoadFigures(long Calls, long Errors, double Seconds, double P50Ms, double P99Ms, string ErrorCodes)
{
    public double Throughput => Calls / Seconds;
}

/// <summary>Runs one call shape at a fixed concurrency for a bounded time and number of calls.</summary>
internal static class LoadRun
{
    /// <summary>Warms up for <paramref name="warmup"/>, then runs <paramref name="call"/> from <paramref name="concurrency"/> callers for <paramref name="duration"/> or <paramref name="maxCalls"/> calls.</summary>
    /// <param name="call">One call.</param>
    /// <param name="concurrency">Callers at once.</param>
    /// <param name="duration">The measured window.</param>
    /// <param name="maxCalls">At most this many calls in the window (a fifth of it in the warm-up).</param>
    /// <param name="warmup">The warm-up, not measured.</param>
    /// <param name="measuring">Called once the warm-up is over, just before the measured window starts (to take counters there).</param>
    public static async Task<LoadFigures> MeasureAsync(Func<Task> call, int concurrency, TimeSpan duration, long maxCalls, TimeSpan warmup, Action? measuring = null)
    {
        var codes = new System.Collections.Concurrent.ConcurrentDictionary<Grpc.Core.StatusCode, int>();
        await RunAsync(call, concurrency, warmup, maxCalls / 5, latencies: null, codes);
        codes.Clear();
        measuring?.Invoke();
        var latencies = new List<double>[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            latencies[i] = [];
        }
        var clock = Stopwatch.StartNew();
        var errors = await RunAsync(call, concurrency, duration, maxCalls, latencies, codes);
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadFigures(all.Length, errors, seconds, Percentile(all, 0.50), Percentile(all, 0.99),
            string.Join(" ", codes.OrderBy(c => c.Key).Select(c => $"{c.Key}×{c.Value}")));
    }

    private static async Task<long> RunAsync(Func<Task> call, int concurrency, TimeSpan duration, long maxCalls, List<double>[]? latencies,
        System.Collections.Concurrent.ConcurrentDictionary<Grpc.Core.StatusCode, int> codes)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long started = 0, errors = 0;
        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            while (Stopwatch.GetTimestamp() < deadline && Interlocked.Increment(ref started) <= maxCalls)
            {
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    await call();
                    latencies?[worker].Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }
                catch (Grpc.Core.RpcException e)
                {
                    codes.AddOrUpdate(e.StatusCode, 1, (_, n) => n + 1);
                    Interlocked.Increment(ref errors);
                }
            }
        });
        await Task.WhenAll(workers);
        return errors;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
