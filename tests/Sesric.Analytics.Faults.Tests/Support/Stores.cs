using Sesric.Analytics.Dataset;
using Sesric.Analytics.Storage.DuckDb;

namespace Sesric.Analytics.Faults.Tests.Support;

/// <summary>Store files for the fault tests: seeded with the built-in data, then damaged on purpose.</summary>
public static class Stores
{
    /// <summary>Creates a store at <paramref name="path"/> holding the built-in dataset, closed and checkpointed.</summary>
    public static async Task CreateSeededAsync(string path)
    {
        await using var store = await DuckDbAnalyticsStore.OpenAsync(path);
        await StoreSeeder.EnsureSeededAsync(store, CancellationToken.None);
    }

    /// <summary>Cuts the file to half its length.</summary>
    public static void Truncate(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.SetLength(stream.Length / 2);
    }

    /// <summary>Inverts <paramref name="count"/> bytes in the middle of every 256 KB block after the file's headers (deterministic).</summary>
    public static void FlipBytes(string path, int count)
    {
        var bytes = File.ReadAllBytes(path);
        const int Block = 256 * 1024;
        for (var blockStart = 3 * 4096; blockStart + Block <= bytes.Length; blockStart += Block)
        {
            var middle = blockStart + (Block / 2);
            for (var i = 0; i < count; i++)
            {
                bytes[middle + i] = (byte)~bytes[middle + i];
            }
        }
        File.WriteAllBytes(path, bytes);
    }
}
