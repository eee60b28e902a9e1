using System.Globalization;
using System.Text;

using DuckDB.NET.Data;

namespace Sesric.Analytics.Storage.DuckDb.Tests.Support;

/// <summary>Direct DuckDB access for tests that must shape a file the store did not write (old or future schema).</summary>
public static class RawDb
{
    public static DuckDBConnection Open(string path)
    {
        var connection = new DuckDBConnection($"Data Source={path}");
        connection.Open();
        return connection;
    }

    public static void Execute(this DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static long Scalar(this DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Every row of the editions, the registry, its fact rows, the journal and the request ids, in a fixed order.</summary>
    public static string DumpRegistry(string path) => Dump(
        path,
        ("edition", "programme_id, edition_number"),
        ("participant", "participant_id"),
        ("participation", "participant_id, programme_id, edition_number"),
        ("participation_fact", "participant_key, programme_id, edition_number"),
        ("import_batch", "import_id"),
        ("import_participant_change", "import_id, participant_id"),
        ("import_participation_change", "import_id, participant_id, programme_id, edition_number"),
        ("ingest_request", "request_id"));

    /// <summary>Every row of <paramref name="tables"/> (each read in its ORDER BY), as text, for before/after comparisons.</summary>
    public static string Dump(string path, params (string Table, string Order)[] tables)
    {
        using var raw = Open(path);
        var text = new StringBuilder();
        foreach (var (table, order) in tables)
        {
            using var command = raw.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY {order}";
            using var reader = command.ExecuteReader();
            text.Append("# ").Append(table).Append('\n');
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
                }
                text.Append('\n');
            }
        }
        return text.ToString();
    }
}
