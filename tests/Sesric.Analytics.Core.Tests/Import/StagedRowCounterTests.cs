using Sesric.Analytics.Import;

namespace Sesric.Analytics.Core.Tests.Import;

public class StagedRowCounterTests
{
    [Fact]
    public void Progress_is_reported_every_50000_rows_and_once_more_at_the_end()
    {
        var reports = new List<long>();
        var counter = new StagedRowCounter(new Synchronous(reports.Add), CancellationToken.None);

        for (var i = 0; i < 120_001; i++)
        {
            counter.Add();
        }
        counter.Finish();

        Assert.Equal(120_001, counter.Count);
        Assert.Equal([50_000, 100_000, 120_001], reports);
    }

    [Fact]
    public void A_cancelled_token_stops_the_count_within_1024_rows_and_at_the_end()
    {
        using var cancel = new CancellationTokenSource();
        var counter = new StagedRowCounter(null, cancel.Token);
        counter.Add();
        cancel.Cancel();

        var stopped = Assert.Throws<OperationCanceledException>(() => AddUntilStopped(counter));

        Assert.Equal(1_024, counter.Count);
        Assert.Equal(cancel.Token, stopped.CancellationToken);
        Assert.Throws<OperationCanceledException>(counter.Finish);
    }

    private static void AddUntilStopped(StagedRowCounter counter)
    {
        while (true)
        {
            counter.Add();
        }
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Synchronous(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
