using DuckDB.NET.Data;

namespace Sesric.Analytics.Storage.DuckDb.Sql;

/// <summary>
/// How many threads DuckDB may use for one statement on this store: one while the fact table fits in one row group,
/// DuckDB's default (one per core) once it does not.
/// </summary>
/// <remarks>
/// <para>DuckDB splits a scan by row group (<see cref="RowGroupSize"/> rows), so a table within one row group is read
/// by one thread whatever the setting; a second thread then adds only its cost: every statement wakes the idle
/// workers, which spin on the task queue before sleeping, and each keeps its own hash tables for the aggregate.
/// Measured on the built-in data (758 rows) with the dashboard query, on a kept connection: 11.4 ms of CPU per
/// statement with two threads, 8.3 ms with one (UncachedQueryProbe, machine under load; ratios only). Concurrent
/// callers still use every core, each statement on its own connection.</para>
/// <para>The setting belongs to the database instance, so it is chosen when the store opens and again after each
/// write; a write itself runs with the default, so a large import into a small store still uses every core.</para>
/// </remarks>
internal static class ThreadPolicy
{
    /// <summary>Rows in one DuckDB row group: the unit a scan is split into between threads.</summary>
    public const long RowGroupSize = 122_880;

    /// <summary>Whether a fact table of <paramref name="factRows"/> rows is read by a single thread anyway.</summary>
    public static bool IsSingleThreaded(long factRows) => factRows <= RowGroupSize;

    /// <summary>Sets the instance's threads for the fact table's current size; returns whether it chose one thread.</summary>
    public static bool Apply(DuckDBConnection connection)
    {
        var single = IsSingleThreaded(connection.ScalarLong("SELECT COUNT(*) FROM participation_fact"));
        connection.Execute(single ? "SET threads = 1" : "RESET threads");
        return single;
    }

    /// <summary>Gives the instance DuckDB's default threads again (before a write).</summary>
    public static void Reset(DuckDBConnection connection) => connection.Execute("RESET threads");
}
