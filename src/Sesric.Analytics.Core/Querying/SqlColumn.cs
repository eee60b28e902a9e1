namespace Sesric.Analytics.Querying;

/// <summary>
/// One column of a <see cref="SqlRows"/>, its values stored by type (a <c>long</c> column keeps unboxed
/// <c>long</c> values), so that a large result is read without one object per value.
/// </summary>
/// <remarks>
/// <para>The concrete column is a <see cref="SqlColumn{T}"/> whose <see cref="ValueType"/> is one of the
/// plain types <see cref="SqlRows"/> describes: <see cref="long"/>, <see cref="double"/>,
/// <see cref="string"/>, <see cref="bool"/> or <see cref="DateOnly"/>; a column whose values are of mixed
/// or other types is a <c>SqlColumn&lt;object&gt;</c>. Test the type once per column
/// (<c>column is SqlColumn&lt;long&gt; counts</c>) and read with its indexer in the row loop.</para>
/// <para>Values are kept in blocks of <see cref="BlockSize"/>, never in one large array, so even a result
/// of millions of rows allocates nothing on the large-object heap.</para>
/// </remarks>
/// <threadsafety>Immutable after construction; safe to share.</threadsafety>
public abstract class SqlColumn
{
    /// <summary>How many values one storage block holds (a power of two; a block of longs stays well under 85 000 bytes).</summary>
    public const int BlockSize = 1 << BlockShift;

    /// <summary>log2 of <see cref="BlockSize"/>.</summary>
    internal const int BlockShift = 12;

    /// <summary>Mask that gives a row's index within its block.</summary>
    internal const int BlockMask = BlockSize - 1;

    private protected SqlColumn(string name, int count)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Count = count;
    }

    /// <summary>The column's name, as the statement selected it.</summary>
    public string Name { get; }

    /// <summary>The number of values (the number of rows).</summary>
    public int Count { get; }

    /// <summary>The type of the non-null values: long, double, string, bool, DateOnly, or object for a mixed column.</summary>
    public abstract Type ValueType { get; }

    /// <summary>Whether the value at <paramref name="row"/> is SQL NULL.</summary>
    public abstract bool IsNull(int row);

    /// <summary>The value at <paramref name="row"/> as an object (boxed for value types), or null for SQL NULL.</summary>
    /// <remarks>Allocates for value types: meant for general code and tests, not for row loops over large results.</remarks>
    public abstract object? GetValue(int row);

    /// <summary>
    /// Builds the column from the values at <paramref name="index"/> of <paramref name="rows"/>: typed when
    /// every non-null value has the same plain type, otherwise a column of objects holding the values as given.
    /// </summary>
    internal static SqlColumn FromRows(string name, IReadOnlyList<object?[]> rows, int index)
    {
        Type? type = null;
        foreach (var row in rows)
        {
            var value = row[index];
            if (value is null)
            {
                continue;
            }
            var t = value.GetType();
            if (type is null)
            {
                type = t;
            }
            else if (type != t)
            {
                type = typeof(object);
                break;
            }
        }
        return type switch
        {
            _ when type == typeof(long) => Collect<long>(name, rows, index),
            _ when type == typeof(double) => Collect<double>(name, rows, index),
            _ when type == typeof(string) => Collect<string>(name, rows, index),
            _ when type == typeof(bool) => Collect<bool>(name, rows, index),
            _ when type == typeof(DateOnly) => Collect<DateOnly>(name, rows, index),
            _ => Collect<object>(name, rows, index),
        };
    }

    private static SqlColumn<T> Collect<T>(string name, IReadOnlyList<object?[]> rows, int index)
        where T : notnull
    {
        var builder = new SqlColumnBuilder<T>();
        foreach (var row in rows)
        {
            if (row[index] is { } value)
            {
                builder.Add((T)value);
            }
            else
            {
                builder.AddNull();
            }
        }
        return builder.Build(name);
    }
}
