namespace Sesric.Analytics.Reporting;

/// <summary>
/// How many charts may render at once across every report render given the same instance. A report's charts render
/// side by side, one per core unless told otherwise; a server that renders reports for several callers shares one
/// instance so that chart rendering together takes at most <see cref="Count"/> cores and leaves the rest to the queries.
/// </summary>
/// <remarks>Only when charts render changes; every chart and report is byte-identical whatever the count.</remarks>
public sealed class ChartRenderSlots
{
    private readonly SemaphoreSlim _slots;
    private int _rendering;
    private int _peak;

    /// <summary>Allows <paramref name="count"/> charts to render at once.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public ChartRenderSlots(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Count = count;
        _slots = new SemaphoreSlim(count, count);
    }

    /// <summary>Half the machine's cores, at least 1: a server's default, leaving the other half to queries and calls.</summary>
    public static int HalfTheCores => Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>How many charts may render at once.</summary>
    public int Count { get; }

    /// <summary>The most charts that rendered at the same moment since this instance was made (for metrics and tests).</summary>
    public int Peak => Volatile.Read(ref _peak);

    /// <summary>Runs <paramref name="render"/> once a slot is free, on the thread pool.</summary>
    internal async Task<T> RunAsync<T>(Func<T> render, CancellationToken ct)
    {
        await _slots.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var now = Interlocked.Increment(ref _rendering);
            for (var peak = Volatile.Read(ref _peak); now > peak; peak = Volatile.Read(ref _peak))
            {
                if (Interlocked.CompareExchange(ref _peak, now, peak) == peak)
                {
                    break;
                }
            }
            return render();
        }
        finally
        {
            Interlocked.Decrement(ref _rendering);
            _slots.Release();
        }
    }
}
