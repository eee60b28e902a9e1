using System.Collections;

namespace Sesric.Analytics.Querying;

/// <summary>
/// The row form of columnar <see cref="SqlRows"/>: materialised (one boxed object per value) on first access,
/// so callers that never look at <see cref="SqlRows.Rows"/> never pay for it.
/// </summary>
internal sealed class ColumnRowList(IReadOnlyList<SqlColumn> columns) : IReadOnlyList<object?[]>
{
    private object?[][]? _rows;

    public int Count { get; } = columns.Count == 0 ? 0 : columns[0].Count;

    public object?[] this[int index] => Materialised()[index];

    public IEnumerator<object?[]> GetEnumerator() => ((IEnumerable<object?[]>)Materialised()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private object?[][] Materialised()
    {
        if (Volatile.Read(ref _rows) is { } rows)
        {
            return rows;
        }
        var built = new object?[Count][];
        for (var r = 0; r < built.Length; r++)
        {
            var row = new object?[columns.Count];
            for (var c = 0; c < row.Length; c++)
            {
                row[c] = columns[c].GetValue(r);
            }
            built[r] = row;
        }
        return Interlocked.CompareExchange(ref _rows, built, null) ?? built;
    }
}
