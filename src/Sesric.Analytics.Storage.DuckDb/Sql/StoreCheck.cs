using DuckDB.NET.Data;

namespace Sesric.Analytics.Storage.DuckDb.Sql;

/// <summary>
/// Reads every block of every table once, so that a damaged file is refused when it is opened rather than
/// when the first query happens to touch the damaged block.
/// </summary>
/// <remarks>
/// DuckDB has no integrity pragma, but it checks each block's checksum when the block is read, and a file
/// cut short fails the read. <c>COUNT(*)</c> alone is answered from metadata, so every column is hashed
/// (<c>bit_xor(hash(COLUMNS(*)))</c>: one aggregate per column, none of which the optimiser can skip).
/// </remarks>
internal static class StoreCheck
{
    /// <summary>Reads every table's rows; throws DuckDB's error when a block cannot be read.</summary>
    public static void Verify(DuckDBConnection connection)
    {
        var tables = new List<string>();
        using (var list = connection.Command(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary ORDER BY table_name"))
        using (var r = list.ExecuteReader())
        {
            while (r.Read())
            {
                tables.Add(r.GetString(0));
            }
        }
        foreach (var table in tables)
        {
            // Names come from the catalogue, quoted as identifiers; no user input reaches this SQL.
            using var read = connection.Command($"SELECT COUNT(*), bit_xor(hash(COLUMNS(*))) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
            using var rows = read.ExecuteReader();
            while (rows.Read())
            {
            }
        }
    }
}
