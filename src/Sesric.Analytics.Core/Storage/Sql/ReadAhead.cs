using System.Threading.Channels;

namespace Sesric.Analytics.Storage.Sql;

/// <summary>
/// Enumerates a source on a worker thread, a few batches ahead of the consumer, so that producing rows
/// (parsing and validating a CSV file) and consuming them (appending to DuckDB, copying to PostgreSQL) use both cores.
/// </summary>
/// <remarks>
/// The consumer sees the same items in the same order, and the source's exception (such as
/// <see cref="Import.ImportRejectedException"/> after the last row) is rethrown unchanged to the consumer
/// once the items before it have been consumed. When the consumer stops early, the worker is stopped and
/// awaited before the enumeration ends, so the source (and the file under it) is never used after that.
/// </remarks>
public static class ReadAhead
{
    /// <summary>Rows per batch handed from the worker to the consumer.</summary>
    public const int BatchSize = 4_096;

    /// <summary>Batches the worker may run ahead (bounds the memory: about 16k rows).</summary>
    public const int BatchesAhead = 4;

    /// <summary>Streams <paramref name="source"/> through a worker thread.</summary>
    public static IEnumerable<T> Of<T>(IEnumerable<T> source, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<T[]>(new BoundedChannelOptions(BatchesAhead)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => ProduceAsync(source, channel.Writer, stop.Token), CancellationToken.None);
        try
        {
            while (channel.Reader.WaitToReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
            {
                while (channel.Reader.TryRead(out var batch))
                {
                    foreach (var item in batch)
                    {
                        yield return item;
                    }
                }
            }
            // The source ended: rethrow its exception, if it threw, as the original type.
            producer.GetAwaiter().GetResult();
        }
        finally
        {
            stop.Cancel();
            try
            {
                producer.GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                // Already rethrown above, or the consumer is unwinding from its own exception, which wins.
            }
        }
    }

    private static async Task ProduceAsync<T>(IEnumerable<T> source, ChannelWriter<T[]> writer, CancellationToken stop)
    {
        try
        {
            var batch = new T[BatchSize];
            var count = 0;
            foreach (var item in source)
            {
                batch[count++] = item;
                if (count == BatchSize)
                {
                    await writer.WriteAsync(batch, stop).ConfigureAwait(false);
                    batch = new T[BatchSize];
                    count = 0;
                }
            }
            if (count > 0)
            {
                await writer.WriteAsync(batch[..count], stop).ConfigureAwait(false);
            }
        }
        finally
        {
            writer.TryComplete();
        }
    }
}
