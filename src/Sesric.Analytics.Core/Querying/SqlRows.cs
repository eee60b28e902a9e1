namespace Sesric.Analytics.Querying;

/// <summary>The rows a <see cref="SqlStatement"/> returned, with driver types converted to plain .NET ones.</summary>
/// <param name="Columns">Column names, in select order.</param>
/// <param name="Rows">Values per row: null, string, long, double, decimal, bool or DateOnly.</param>
/// <remarks>
/// <para>The same values can be read two ways: <see cref="Rows"/>, one <c>object?[]</c> per row, and
/// <see cref="ColumnData"/>, one typed <see cref="SqlColumn"/> per column. A store builds whichever form it
/// reads naturally (the DuckDB store reads columns, so a large result costs no object per value) and the
/// other form is built from it on first use, with the same values, nulls included. Code that reads tens of
/// thousands of rows should read <see cref="ColumnData"/> and <see cref="RowCount"/>.</para>
/// <para>Equality is by reference to <see cref="Columns"/> and <see cref="Rows"/>, as for any record of lists.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share (the form built on first use is built once).</threadsafety>
public sealed record SqlRows(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows)
{
    // Set by the columnar constructor, or built from Rows on first use of ColumnData.
    private IReadOnlyList<SqlColumn>? _columnData;

    /// <summary>Builds the rows from typed columns, all of the same length; <see cref="Rows"/> is then built on first use.</summary>
    /// <param name="columnData">The columns, in select order.</param>
    public SqlRows(IReadOnlyList<SqlColumn> columnData)
        : this(NamesOf(columnData), new ColumnRowList(columnData))
    {
        _columnData = columnData;
    }

    // `with` copies: drop the columnar form so it is rebuilt from whatever Rows the copy ends up with.
    private SqlRows(SqlRows original)
    {
        Columns = original.Columns;
        Rows = original.Rows;
    }

    /// <summary>The number of rows, without building <see cref="Rows"/>.</summary>
    /// <remarks>For rows built from columns, <see cref="Rows"/> knows its count before it is materialised.</remarks>
    public int RowCount => Rows.Count;

    /// <summary>The values column by column, in select order (see <see cref="SqlColumn"/>); built from <see cref="Rows"/> on first use when the rows were given.</summary>
    public IReadOnlyList<SqlColumn> ColumnData
    {
        get
        {
            if (Volatile.Read(ref _columnData) is { } columns)
            {
                return columns;
            }
            var built = new SqlColumn[Columns.Count];
            for (var i = 0; i < built.Length; i++)
            {
                built[i] = SqlColumn.FromRows(Columns[i], Rows, i);
            }
            return Interlocked.CompareExchange(ref _columnData, built, null) ?? built;
        }
    }

    /// <summary>The index of a column by name (ordinal, case-insensitive), or throws naming the column.</summary>
    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i], column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        throw new KeyNotFoundException($"column '{column}' is not in the result ({string.Join(", ", Columns)}).");
    }

    /// <summary>Equal when both name the same column list and row list (by reference); the columnar form is a view of them.</summary>
    public bool Equals(SqlRows? other) =>
        other is not null && ReferenceEquals(Columns, other.Columns) && ReferenceEquals(Rows, other.Rows);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(
        System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Columns),
        System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Rows));

    private static string[] NamesOf(IReadOnlyList<SqlColumn> columnData)
    {
        ArgumentNullException.ThrowIfNull(columnData);
        var names = new string[columnData.Count];
        for (var i = 0; i < names.Length; i++)
        {
            var column = columnData[i] ?? throw new ArgumentException($"column {i} is null.", nameof(columnData));
            if (column.Count != columnData[0].Count)
            {
                throw new ArgumentException(
                    $"column '{column.Name}' has {column.Count} values but column '{columnData[0].Name}' has {columnData[0].Count}; every column needs one value per row.",
                    nameof(columnData));
            }
            names[i] = column.Name;
        }
        return names;
    }
}
