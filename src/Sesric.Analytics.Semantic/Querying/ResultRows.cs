using System.Collections;

using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// The rows of a <see cref="ResultTable"/> the engine builds, kept in blocks of 4096 rather than one array:
/// a result of tens of thousands of rows would otherwise need an array on the large-object heap, which only
/// a full collection frees, on every query.
/// </summary>
internal sealed class ResultRows : IReadOnlyList<ResultCell[]>
{
    private const int BlockShift = 12;
    private const int BlockMask = (1 << BlockShift) - 1;

    private readonly ResultCell[][][] _blocks;

    /// <summary>Room for <paramref name="count"/> rows, each null until set.</summary>
    public ResultRows(int count)
    {
        Count = count;
        _blocks = new ResultCell[(count + BlockMask) >> BlockShift][][];
        for (var b = 0; b < _blocks.Length; b++)
        {
            _blocks[b] = new ResultCell[Math.Min(1 << BlockShift, count - (b << BlockShift))][];
        }
    }

    public int Count { get; }

    public ResultCell[] this[int index]
    {
        get => _blocks[index >> BlockShift][index & BlockMask];
        set => _blocks[index >> BlockShift][index & BlockMask] = value;
    }

    public IEnumerator<ResultCell[]> GetEnumerator()
    {
        foreach (var block in _blocks)
        {
            foreach (var row in block)
            {
                yield return row;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
