namespace Sesric.Analytics.Storage;

/// <summary>
/// The counted rows of a store's fact table (<c>participation_fact</c> where <c>is_counted</c>) held in memory, column by
/// column, as the store read them at one data version: values as <see cref="Querying.SqlRows"/> gives them (null, string,
/// long, double, bool or DateOnly).
/// </summary>
/// <remarks>For small stores only (see <see cref="IFactSnapshotSource"/>): a query over a few thousand rows costs DuckDB a
/// few milliseconds of parsing and planning, and the same aggregation over these arrays a few tens of microseconds.</remarks>
/// <threadsafety>Immutable once built; safe to share.</threadsafety>
public sealed class FactSnapshot
{
    private readonly Dictionary<string, object?[]> _columns;

    /// <summary>Builds a snapshot from columns of equal length, keyed by the fact table's column names.</summary>
    public FactSnapshot(IReadOnlyDictionary<string, object?[]> columns, int rowCount)
    {
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var (name, values) in columns)
        {
            if (values.Length != rowCount)
            {
                throw new ArgumentException($"column '{name}' has {values.Length} values for {rowCount} rows.", nameof(columns));
            }
        }
        _columns = new Dictionary<string, object?[]>(columns, StringComparer.Ordinal);
        RowCount = rowCount;
    }

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The names of the columns it holds.</summary>
    public IReadOnlyCollection<string> ColumnNames => _columns.Keys;

    /// <summary>A column's values by row, or null when the table has no such column.</summary>
    public object?[]? Column(string name) => _columns.GetValueOrDefault(name);
}
