namespace Sesric.Analytics.Querying;

/// <summary>A <see cref="SqlColumn"/> whose values are all of type <typeparamref name="T"/> (or SQL NULL).</summary>
/// <typeparam name="T">long, double, string, bool, DateOnly, or object for a mixed column.</typeparam>
/// <remarks>Built with <see cref="SqlColumnBuilder{T}"/>.</remarks>
/// <threadsafety>Immutable after construction; safe to share.</threadsafety>
public sealed class SqlColumn<T> : SqlColumn
    where T : notnull
{
    private readonly T[][] _blocks;

    // Only value-type columns need a mask (null for a reference type is the value itself); null when no value is NULL.
    private readonly bool[][]? _nulls;

    internal SqlColumn(string name, int count, T[][] blocks, bool[][]? nulls)
        : base(name, count)
    {
        _blocks = blocks;
        _nulls = nulls;
    }

    /// <summary>The value at <paramref name="row"/>: <c>default</c> (0, false, null) where it is SQL NULL, so check <see cref="IsNull"/> for value types.</summary>
    public T? this[int row]
    {
        get
        {
            CheckRow(row);
            return _blocks[row >> BlockShift][row & BlockMask];
        }
    }

    /// <inheritdoc/>
    public override Type ValueType => typeof(T);

    /// <inheritdoc/>
    public override bool IsNull(int row)
    {
        CheckRow(row);
        if (default(T) is null)
        {
            return _blocks[row >> BlockShift][row & BlockMask] is null;
        }
        return _nulls is not null && _nulls[row >> BlockShift][row & BlockMask];
    }

    /// <inheritdoc/>
    public override object? GetValue(int row) => IsNull(row) ? null : this[row];

    private void CheckRow(int row)
    {
        // One unsigned comparison; the block arrays would catch most bad rows, but not one past the end inside the last block.
        if ((uint)row >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"column '{Name}' has {Count} rows.");
        }
    }
}
