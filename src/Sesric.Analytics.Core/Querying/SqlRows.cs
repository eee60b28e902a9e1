namespace Sesric.Analytics.Querying;

/// <summary>The rows a <see cref="SqlStatement"/> returned, with driver types converted to plain .NET ones.</summary>
/// <param name="Columns">Column names, in select order.</param>
/// <param name="Rows">Values per row: null, string, long, double, decimal, bool or DateOnly.</param>
public sealed record SqlRows(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows)
{
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
}
