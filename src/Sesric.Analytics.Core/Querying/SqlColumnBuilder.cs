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

    /// <summary>Appends a value (for a reference type, null appends SQL NULL).</summary>
    public void Add(T value)
    {
        var offset = _count & SqlColumn.BlockMask;
        if (offset == 0)
        {
            _blocks.Add(new T[SqlColumn.BlockSize]);
            _nulls?.Add(new bool[SqlColumn.BlockSize]);
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
                _nulls.Add(new bool[SqlColumn.BlockSize]);
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
