namespace Sesric.Analytics.Querying;

/// <summary>Collects the values of one column, row by row, into a <see cref="SqlColumn{T}"/>: what a store uses while it reads a result.</summary>
/// <typeparam name="T">long, double, string, bool, DateOnly, or object for a column of mixed values.</typeparam>
/// <threadsafety>Not thread-safe: one reader fills one builder.</threadsafety>
public sealed class SqlColumnBuilder<T>
    where T : notnull
{
    private List<T[]> _blocks = [];
    private List<bool[]>? _nulls;
    private int _count;

    /// <summary>Starts an empty column; throws <see cref="NotSupportedException"/> for a type <see cref="SqlRows"/> does not carry.</summary>
    public SqlColumnBuilder()
    {
        if (typeof(T) != typeof(long) && typeof(T) != typeof(double) && typeof(T) != typeof(string)
            && typeof(T) != typeof(bool) && typeof(T) != typeof(DateOnly) && typeof(T) != typeof(object))
        {
            throw new NotSupportedException(
                $"a SQL column cannot hold {typeof(T).Name}; use long, double, string, bool, DateOnly, or object for mixed values.");
        }
    }

    /// <summary>The number of values added so far.</summary>
    public int Count => _count;

    // The first block starts small and doubles up to a full block: most results are a few dozen cells,
    // and a full block per column (32 KB for 8-byte values) was most of an uncached query's allocations.
    private const int FirstBlockSize = 64;

    /// <summary>Appends a value (for a reference type, null appends SQL NULL).</summary>
    public void Add(T value)
    {
        var offset = _count & SqlColumn.BlockMask;
        if (offset == 0)
        {
            var size = _blocks.Count == 0 ? FirstBlockSize : SqlColumn.BlockSize;
            _blocks.Add(new T[size]);
            _nulls?.Add(new bool[size]);
        }
        else if (offset == _blocks[^1].Length)
        {
            // Only the first block is ever short; rows keep their (block, offset) positions as it grows.
            var size = Math.Min(SqlColumn.BlockSize, offset * 2);
            var grown = _blocks[^1];
            Array.Resize(ref grown, size);
            _blocks[^1] = grown;
            if (_nulls is not null)
            {
                var nulls = _nulls[^1];
                Array.Resize(ref nulls, size);
                _nulls[^1] = nulls;
            }
        }
        _blocks[^1][offset] = value;
        _count++;
    }

    /// <summary>Appends SQL NULL.</summary>
    public void AddNull()
    {
        var row = _count;
        Add(default!);
        if (default(T) is null)
        {
            return;
        }
        if (_nulls is null)
        {
            _nulls = new List<bool[]>(_blocks.Count);
            for (var i = 0; i < _blocks.Count; i++)
            {
                _nulls.Add(new bool[_blocks[i].Length]);
            }
        }
        _nulls[row >> SqlColumn.BlockShift][row & SqlColumn.BlockMask] = true;
    }

    /// <summary>Hands the values over as a column named <paramref name="name"/> and leaves the builder empty.</summary>
    public SqlColumn<T> Build(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var column = new SqlColumn<T>(name, _count, [.. _blocks], _nulls is null ? null : [.. _nulls]);
        _blocks = [];
        _nulls = null;
        _count = 0;
        return column;
    }
}
