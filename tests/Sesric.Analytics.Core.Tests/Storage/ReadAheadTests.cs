using Sesric.Analytics.Storage.Sql;

namespace Sesric.Analytics.Core.Tests.Storage;

public sealed class ReadAheadTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(ReadAhead.BatchSize)]
    [InlineData((ReadAhead.BatchSize * (ReadAhead.BatchesAhead + 3)) + 17)]
    public void Yields_the_same_items_in_the_same_order_across_recycled_batches(int count)
    {
        var source = Enumerable.Range(0, count).Select(i => $"row {i}").ToList();
        Assert.Equal(source, ReadAhead.Of(source, CancellationToken.None).ToList());
    }

    [Fact]
    public void A_recycled_batch_never_shows_an_item_twice_or_one_of_another_batch()
    {
        // The consumer is slower than the worker, so the worker refills every batch the consumer hands back while the
        // consumer still walks the others.
        var count = ReadAhead.BatchSize * 12;
        var seen = 0;
        foreach (var item in ReadAhead.Of(Enumerable.Range(0, count).Select(i => (object)i), CancellationToken.None))
        {
            Assert.Equal(seen, (int)item);
            seen++;
            if (seen % 997 == 0)
            {
                Thread.Sleep(1);
            }
        }
        Assert.Equal(count, seen);
    }

    [Fact]
    public void The_source_exception_comes_after_the_items_before_it()
    {
        var consumed = new List<int>();
        var error = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (var item in ReadAhead.Of(Failing(ReadAhead.BatchSize + 5), CancellationToken.None))
            {
                consumed.Add(item);
            }
        });
        Assert.Equal("after the rows", error.Message);
        Assert.Equal(Enumerable.Range(0, ReadAhead.BatchSize + 5), consumed);
    }

    [Fact]
    public void Stopping_early_stops_the_worker_before_the_enumeration_ends()
    {
        var produced = 0;
        IEnumerable<int> Counting()
        {
            for (var i = 0; i < ReadAhead.BatchSize * 100; i++)
            {
                Interlocked.Increment(ref produced);
                yield return i;
            }
        }
        var first = ReadAhead.Of(Counting(), CancellationToken.None).Take(10).ToList();
        var afterStop = Volatile.Read(ref produced);
        Thread.Sleep(50);
        Assert.Equal(Enumerable.Range(0, 10), first);
        Assert.Equal(afterStop, Volatile.Read(ref produced));
        // The worker ran at most the bounded number of batches ahead.
        Assert.True(afterStop <= ReadAhead.BatchSize * (ReadAhead.BatchesAhead + 2), $"{afterStop} rows produced");
    }

    private static IEnumerable<int> Failing(int before)
    {
        for (var i = 0; i < before; i++)
        {
            yield return i;
        }
        throw new InvalidDataException("after the rows");
    }
}
