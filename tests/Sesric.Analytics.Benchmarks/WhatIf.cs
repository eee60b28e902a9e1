using DuckDB.NET.Data;

using Sesric.Analytics.Storage.DuckDb;

namespace Sesric.Analytics.Benchmarks;

/// <summary>
/// Store changes the harness can try before they become a migration (issue 18), chosen by environment variables so
/// that the default run measures the store exactly as shipped:
/// <list type="bullet">
/// <item><c>SESRIC_WHATIF_NO_KEYS=1</c> rebuilds the empty <c>participant</c> and <c>participation</c> tables without
/// their primary keys. DuckDB keeps the keys as ART indexes: a transaction's inserts into an indexed table build the
/// index in memory that never spills, and the commit writes it out.</item>
/// <item><c>SESRIC_WHATIF_MEMORY_LIMIT=256MB</c> sets DuckDB's <c>memory_limit</c> for the import (with the keys kept, a
/// low limit fails the import with "failed to pin block": index memory cannot spill).</item>
/// </list>
/// </summary>
internal static class WhatIf
{
    public static async Task<DuckDbAnalyticsStore> ApplyAsync(DuckDbAnalyticsStore store, string path, TextWriter output)
    {
        var location = Path.GetFullPath(path);
        if (Environment.GetEnvironmentVariable("SESRIC_WHATIF_NO_KEYS") == "1")
        {
            await store.DisposeAsync();
            Execute(
                location,
                "CREATE TABLE participant_nokey AS SELECT * FROM participant LIMIT 0",
                "DROP TABLE participant",
                "ALTER TABLE participant_nokey RENAME TO participant",
                "CREATE TABLE participation_nokey AS SELECT * FROM participation LIMIT 0",
                "DROP TABLE participation",
                "ALTER TABLE participation_nokey RENAME TO participation",
                "CHECKPOINT");
            store = await DuckDbAnalyticsStore.OpenAsync(path);
            output.WriteLine("    what-if: participant and participation without primary keys");
        }
        if (Environment.GetEnvironmentVariable("SESRIC_WHATIF_MEMORY_LIMIT") is { Length: > 0 } limit)
        {
            // Same connection string as the store's, so the setting reaches the store's database instance.
            Execute(location, $"SET memory_limit = '{limit.Replace("'", "", StringComparison.Ordinal)}'");
            output.WriteLine($"    what-if: DuckDB memory_limit {limit}");
        }
        return store;
    }

    private static void Execute(string location, params string[] statements)
    {
        using var connection = new DuckDBConnection(new DuckDBConnectionStringBuilder { DataSource = location }.ConnectionString);
        connection.Open();
        foreach (var sql in statements)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }
}
