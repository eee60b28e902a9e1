using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
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
    /// <remarks>
    /// The batch arrays are recycled: the consumer hands each one back, cleared, once it has yielded its items, and the
    /// worker fills it again. A batch of 4,096 import rows is about 360 KB, on the large object heap, which only a full
    /// collection reclaims: allocating a new one per batch left about 86 MiB of such garbage per million rows (a third
    /// of what parsing allocates), and a managed heap that grew with the file until a full collection ran. Recycled,
    /// at most <see cref="BatchesAhead"/> + 2 arrays exist, whatever the number of rows.
    /// </remarks>
    public static IEnumerable<T> Of<T>(IEnumerable<T> source, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<Batch<T>>(new BoundedChannelOptions(BatchesAhead)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var free = new ConcurrentQueue<T[]>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => ProduceAsync(source, channel.Writer, free, stop.Token), CancellationToken.None);
        try
        {
            while (channel.Reader.WaitToReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
            {
                while (channel.Reader.TryRead(out var batch))
                {
                    for (var i = 0; i < batch.Count; i++)
                    {
                        yield return batch.Items[i];
                    }
                    // Drop the references the batch holds, so the rows it carried can be collected, then hand it back.
                    if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
                    {
                        Array.Clear(batch.Items, 0, batch.Count);
                    }
                    free.Enqueue(batch.Items);
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

    private static async Task ProduceAsync<T>(IEnumerable<T> source, ChannelWriter<Batch<T>> writer, ConcurrentQueue<T[]> free, CancellationToken stop)
    {
        try
        {
            var batch = Take(free);
            var count = 0;
            try
            {
                foreach (var item in source)
                {
                    batch[count++] = item;
                    if (count == BatchSize)
                    {
                        await writer.WriteAsync(new Batch<T>(batch, count), stop).ConfigureAwait(false);
                        batch = Take(free);
                        count = 0;
                    }
                }
            }
            catch (Exception) when (count > 0 && !stop.IsCancellationRequested)
            {
                // The items read before the source failed are handed over first, then its exception.
                await writer.WriteAsync(new Batch<T>(batch, count), stop).ConfigureAwait(false);
                throw;
            }
            if (count > 0)
            {
                await writer.WriteAsync(new Batch<T>(batch, count), stop).ConfigureAwait(false);
            }
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private static T[] Take<T>(ConcurrentQueue<T[]> free) => free.TryDequeue(out var batch) ? batch : new T[BatchSize];

    /// <summary>The first <paramref name="Count"/> items of <paramref name="Items"/>: a batch, full but for the last.</summary>
    private readonly record struct Batch<T>(T[] Items, int Count);
}
