using System.Data.Common;
using System.Globalization;

namespace Sesric.Analytics.Storage.Sql;

/// <summary>
/// Upserts one row by its natural key and tells whether it was new, changed or the same, using only
/// portable SQL (<c>IS NOT DISTINCT FROM</c> compares NULLs as equal): a SELECT to compare, then an
/// INSERT or an UPDATE. Used for the small reference tables of both stores; participations use a set-based merge.
/// </summary>
/// <remarks>Parameters are bound unnamed, in order, to <c>$1..$n</c>: DuckDB.NET and Npgsql both bind them so,
/// which lets one copy serve both engines through <see cref="DbConnection"/>.</remarks>
/// <param name="Table">The table name.</param>
/// <param name="Keys">The natural-key columns.</param>
/// <param name="Values">The other columns.</param>
public sealed record RowUpsert(string Table, IReadOnlyList<ColumnSpec> Keys, IReadOnlyList<ColumnSpec> Values)
{
    private string Param(int index, ColumnSpec column) => $"CAST(${index + 1} AS {column.SqlType})";

    private string KeyMatch => string.Join(" AND ", Keys.Select((k, i) => $"{k.Name} = {Param(i, k)}"));

    /// <summary>Writes one row; <paramref name="values"/> holds the key values first, then the other columns, in spec order.</summary>
    /// <remarks>Runs in whatever transaction the connection is in (the caller's).</remarks>
    public RowChange Apply(DbConnection connection, object?[] values)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != Keys.Count + Values.Count)
        {
            throw new ArgumentException($"{Table}: expected {Keys.Count + Values.Count} values, got {values.Length}.", nameof(values));
        }
        var same = Values.Count == 0
            ? "TRUE"
            : string.Join(" AND ", Values.Select((v, i) => $"{v.Name} IS NOT DISTINCT FROM {Param(Keys.Count + i, v)}"));
        using (var compare = Command(connection, $"SELECT CASE WHEN {same} THEN 1 ELSE 0 END FROM {Table} WHERE {KeyMatch}", values))
        {
            var found = compare.ExecuteScalar();
            if (found is not null and not DBNull)
            {
                if (Convert.ToInt32(found, CultureInfo.InvariantCulture) == 1)
                {
                    return RowChange.Unchanged;
                }
                var assignments = string.Join(", ", Values.Select((v, i) => $"{v.Name} = {Param(Keys.Count + i, v)}"));
                using var update = Command(connection, $"UPDATE {Table} SET {assignments} WHERE {KeyMatch}", values);
                update.ExecuteNonQuery();
                return RowChange.Updated;
            }
        }
        var columns = Keys.Concat(Values).ToList();
        using var insert = Command(
            connection,
            $"INSERT INTO {Table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select((c, i) => Param(i, c)))})",
            values);
        insert.ExecuteNonQuery();
        return RowChange.Inserted;
    }

    private static DbCommand Command(DbConnection connection, string sql, object?[] values)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var value in values)
        {
            var parameter = command.CreateParameter();
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
