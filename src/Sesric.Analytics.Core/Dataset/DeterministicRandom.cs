namespace Sesric.Analytics.Dataset;

/// <summary>
/// A small seeded generator (SplitMix64) whose sequence is fixed by its seed alone: unlike
/// <see cref="Random"/> it promises the same numbers on every runtime, machine and culture, which the
/// synthetic data needs to be reproducible byte for byte.
/// </summary>
/// <remarks>Not for cryptography. <see cref="Mix(ulong)"/> also serves as a stateless hash for streaming generation.</remarks>
internal sealed class DeterministicRandom(ulong seed)
{
    private ulong _state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>A number in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)(NextUInt64() % (ulong)maxExclusive);
    }

    /// <summary>A number in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>The SplitMix64 finaliser: a well-spread 64-bit hash of <paramref name="z"/>.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A stable hash of several values (order matters).</summary>
    public static ulong Hash(ulong a, ulong b, ulong c = 0, ulong d = 0) =>
        Mix(Mix(Mix(Mix(a + 0x9E3779B97F4A7C15UL) ^ b) ^ c) ^ d);

    /// <summary>A stable hash of a text (FNV-1a over UTF-16 code units), unlike <see cref="string.GetHashCode()"/> which changes per process.</summary>
    public static ulong Hash(string text)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            h = (h ^ c) * 0x100000001B3UL;
        }
        return Mix(h);
    }

    /// <summary>Maps a hash to [0, 1).</summary>
    public static double Unit(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));
}
