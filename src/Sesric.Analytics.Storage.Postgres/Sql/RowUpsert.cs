using Npgsql;

namespace Sesric.Analytics.Storage.Postgres.Sql;

/// <summary>What an upsert did to one row.</summary>
internal enum RowChange
{
    /// <summary>The key was new.</summary>
    Inserted,

    /// <summary>The key existed with other values.</summary>
    Updated,

    /// <summary>The key existed with the same values.</summary>
    Unchanged,
}

/// <summary>A column of a table written by <see cref="RowUpsert"/>, with its SQL type for casting parameters.</summary>
/// <param name="Name">The column name.</param>
/// <param name="SqlType">The portable SQL type (VARCHAR, INTEGER, DATE, BOOLEAN).</param>
internal sealed record ColumnSpec(string Name, string SqlType);

/// <summary>
/// Upserts one row by its natural key and tells whether it was new, changed or the same, using only
/// portable SQL (<c>IS NOT DISTINCT FROM</c> compares NULLs as equal): a SELECT to compare, then an
/// INSERT or an UPDATE. Used for the small reference tables; participations use a set-based merge.
/// </summary>
/// <param name="Table">The table name.</param>
/// <param name="Keys">The natural-key columns.</param>
/// <param name="Values">The other columns.</param>
internal sealed record RowUpsert(string Table, IReadOnlyList<ColumnSpec> Keys, IReadOnlyList<ColumnSpec> Values)
{
    private string Param(int index, ColumnSpec column) => $"CAST(${index + 1} AS {column.SqlType})";

    private string KeyMatch => string.Join(" AND ", Keys.Select((k, i) => $"{k.Name} = {Param(i, k)}"));

    /// <summary>Writes one row; <paramref name="values"/> holds the key values first, then the other columns, in spec order.</summary>
    public RowChange Apply(NpgsqlConnection connection, object?[] values)
    {
        if (values.Length != Keys.Count + Values.Count)
        {
            throw new ArgumentException($"{Table}: expected {Keys.Count + Values.Count} values, got {values.Length}.", nameof(values));
        }
        var same = Values.Count == 0
            ? "TRUE"
            : string.Join(" AND ", Values.Select((v, i) => $"{v.Name} IS NOT DISTINCT FROM {Param(Keys.Count + i, v)}"));
        using (var compare = connection.Command($"SELECT CASE WHEN {same} THEN 1 ELSE 0 END FROM {Table} WHERE {KeyMatch}", values))
        {
            var found = compare.ExecuteScalar();
            if (found is not null and not DBNull)
            {
                if (Convert.ToInt32(found, System.Globalization.CultureInfo.InvariantCulture) == 1)
                {
                    return RowChange.Unchanged;
                }
                var assignments = string.Join(", ", Values.Select((v, i) => $"{v.Name} = {Param(Keys.Count + i, v)}"));
                connection.Execute($"UPDATE {Table} SET {assignments} WHERE {KeyMatch}", values);
                return RowChange.Updated;
            }
        }
        var columns = Keys.Concat(Values).ToList();
        connection.Execute(
            $"INSERT INTO {Table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select((c, i) => Param(i, c)))})",
            values);
        return RowChange.Inserted;
    }
}
