namespace Sesric.Analytics.Semantic;

/// <summary>
/// Where the SQL of DuckDB and PostgreSQL differ, in one place: the compiler asks the dialect for these fragments and
/// has no engine branches of its own. The store names its engine (<see cref="Storage.StoreDescription.Engine"/>) and
/// the engine picks the dialect from it.
/// </summary>
/// <remarks>
/// <para>What both engines share, and so stays in the compiler and the model: <c>$n</c> parameters (the
/// <see cref="Querying.SqlStatement"/> contract; DuckDB.NET and Npgsql both bind them by position),
/// <c>COUNT(...) FILTER (WHERE ...)</c>, <c>make_date</c>, <c>split_part</c>, <c>IS NOT DISTINCT FROM</c>,
/// <c>CAST(x AS VARCHAR)</c>, <c>NULLS FIRST</c>, and explicit <c>GROUP BY</c> lists (DuckDB's <c>GROUP BY ALL</c> is not
/// used: the compiler groups labels built from raw columns by those columns, which GROUP BY ALL cannot say).</para>
/// <para>What differs: text ordering. DuckDB orders text by bytes; PostgreSQL by the database's collation, which in
/// a typical deployment (en_US.UTF-8) ignores hyphens and case at first, so <c>oic-statcom</c> and <c>oicx</c> would
/// come back in another order than on DuckDB. The engine checks the order and sorts again when needed, so results are
/// right either way; ordering by bytes in SQL saves that second sort. And distinct aggregates: PostgreSQL sorts for
/// them where DuckDB hashes, so on PostgreSQL the two-level statement counts distinct states over rows grouped by state
/// first (<see cref="HashesDistinctAggregates"/>).</para>
/// </remarks>
/// <threadsafety>Immutable.</threadsafety>
internal abstract class SqlDialect
{
    /// <summary>DuckDB (the embedded store).</summary>
    public static SqlDialect DuckDb { get; } = new DuckDbDialect();

    /// <summary>PostgreSQL (the replicated store).</summary>
    public static SqlDialect Postgres { get; } = new PostgresDialect();

    /// <summary>The engine name stores report.</summary>
    public abstract string Engine { get; }

    /// <summary>
    /// The dialect of a store reporting <paramref name="engine"/>; DuckDB's for any other engine, since its SQL is the
    /// portable subset both engines run (test stores report names of their own).
    /// </summary>
    public static SqlDialect For(string engine) =>
        string.Equals(engine, Postgres.Engine, StringComparison.OrdinalIgnoreCase) ? Postgres : DuckDb;

    /// <summary>A date from three integer expressions.</summary>
    public virtual string MakeDate(string year, string month, string day) => $"make_date({year}, {month}, {day})";

    /// <summary><paramref name="date"/> moved by <paramref name="years"/> whole years, still a DATE.</summary>
    public virtual string AddYears(string date, int years) => $"CAST({date} + INTERVAL '{years} year' AS DATE)";

    /// <summary>
    /// The sort key, ordered by bytes (ordinal, like .NET's ordinal comparison), of a text column the statement outputs
    /// as <paramref name="outputName"/> and computes as <paramref name="inputExpression"/> (the same when it reads the
    /// column from a relation that has it).
    /// </summary>
    /// <remarks>DuckDB lets ORDER BY use an output name inside an expression; PostgreSQL takes an output name only
    /// bare, so a key built on one must be built on the input expression.</remarks>
    public abstract string OrdinalText(string outputName, string inputExpression);

    /// <summary>
    /// A cell key from the sum of its records' keys (<paramref name="sum"/>, never negative): the sum modulo 2^24, as a
    /// BIGINT.
    /// </summary>
    public virtual string CellKey(string sum) => $"CAST(({sum}) % 16777216 AS BIGINT)";

    /// <summary>
    /// Whether the engine computes a distinct aggregate (<c>COUNT(DISTINCT …)</c>) with a hash table, as it does a plain
    /// one. When it does not (it sorts), the two-level statement counts distinct states over the person rows grouped by
    /// state first, so that every level hashes (<see cref="TwoLevelSql"/>).
    /// </summary>
    public virtual bool HashesDistinctAggregates => true;

    private sealed class DuckDbDialect : SqlDialect
    {
        public override string Engine => "duckdb";

        // DuckDB sums integers into HUGEINT, and its 128-bit modulo is a bit-by-bit long division: on the 23,000 cells of
        // edition x member_state at 1M rows, `% 16777216` on two keys cost a fifth of the whole statement (measured, the
        // public policy's extra time over internal went from 0.26x to 0.04x). A bit mask is the same number for a sum that
        // is never negative, and costs one AND.
        public override string CellKey(string sum) => $"CAST(({sum}) & 16777215 AS BIGINT)";

        // DuckDB's default collation is binary already.
        public override string OrdinalText(string outputName, string inputExpression) => outputName;
    }

    private sealed class PostgresDialect : SqlDialect
    {
        public override string Engine => "postgresql";

        // The "C" collation exists in every PostgreSQL database and compares bytes.
        public override string OrdinalText(string outputName, string inputExpression) => $"{inputExpression} COLLATE \"C\"";

        // PostgreSQL (15) sorts for every DISTINCT or ORDER BY inside an aggregate: the group's input by the grouping
        // columns, then each group's values. On the 1M-row year x OIC group query that sort of 705,713 person rows (and
        // the per-cell sorts of states) was half the backend's CPU.
        public override bool HashesDistinctAggregates => false;
    }
}
