namespace Sesric.Analytics.Querying;

/// <summary>
/// A typed table of results: what the semantic engine returns and what visuals, the gRPC service,
/// notebooks and the CLI show.
/// </summary>
/// <remarks>Invariant: every row has one cell per column. Suppressed and unknown cells carry a status and a
/// null value; they are never zeroed or dropped.</remarks>
/// <threadsafety>Immutable after construction; safe to share.</threadsafety>
public sealed class ResultTable
{
    /// <summary>Builds a table, checking that rows match the columns.</summary>
    public ResultTable(IReadOnlyList<ResultColumn> columns, IReadOnlyList<IReadOnlyList<ResultCell>> rows, QueryMetadata metadata)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Count != columns.Count)
            {
                throw new ArgumentException($"row {i} has {rows[i].Count} cells; the table has {columns.Count} columns.", nameof(rows));
            }
        }
        Columns = columns;
        Rows = rows;
        Metadata = metadata;
    }

    /// <summary>The columns: dimensions first, then measures, in query order.</summary>
    public IReadOnlyList<ResultColumn> Columns { get; }

    /// <summary>The rows.</summary>
    public IReadOnlyList<IReadOnlyList<ResultCell>> Rows { get; }

    /// <summary>How the result was produced.</summary>
    public QueryMetadata Metadata { get; }

    /// <summary>The index of the column named <paramref name="name"/>, or throws naming the columns there are.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == name)
            {
                return i;
            }
        }
        throw new KeyNotFoundException($"column '{name}' is not in the result; columns: {string.Join(", ", Columns.Select(c => c.Name))}.");
    }

    /// <summary>The cells of one column, in row order.</summary>
    public IEnumerable<ResultCell> Column(string name)
    {
        var index = IndexOf(name);
        return Rows.Select(r => r[index]);
    }
}
