using System.Buffers;
using System.Diagnostics;

using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// Turns the aggregated rows of a compiled query into the result table: the rows in dimension order
/// (<see cref="RowKeys"/>), measure values from their protected components (<see cref="MeasureValues"/>,
/// <see cref="CellProtection"/>), running totals (<see cref="RunningTotals"/>), the disclosure metadata
/// (<see cref="ResultDisclosure"/>), then ordering and paging (<see cref="ResultPaging"/>).
/// </summary>
internal static class ResultAssembler
{
    /// <remarks>
    /// Runs once per query over every aggregated cell (tens of thousands for a fine grouping), so it reads the
    /// store's typed columns directly and allocates per cell only what the result keeps: the row of
    /// <see cref="ResultCell"/>s and its boxed measure values. Dimension values are the column's own objects
    /// (strings) or shared boxes (integers); per-cell working state lives in arrays indexed by cell, pooled
    /// when large. Text keys are built only when running totals need them.
    /// </remarks>
    public static ResultTable Assemble(QueryPlan plan, SqlRows rows, Stopwatch clock)
    {
        var policy = plan.Query.Policy;
        var components = plan.ComponentList;
        var data = rows.ColumnData;
        var dimensions = plan.Dimensions.Select(d => new DimensionReader(data[rows.IndexOf(d.Name)], d.ColumnType)).ToArray();
        var current = components.Select(c => data[rows.IndexOf(c.Key)]).ToArray();
        var previous = plan.NeedsPreviousYear ? components.Select(c => data[rows.IndexOf(SqlCompiler.PreviousKey(c))]).ToArray() : null;
        var count = rows.RowCount;
        var width = dimensions.Length;
        var measures = plan.Measures;

        // The output rows, dimension values first; measure values are filled in once suppression is known.
        var table = new ResultRows(count);
        for (var r = 0; r < count; r++)
        {
            var row = new ResultCell[width + measures.Count];
            for (var j = 0; j < width; j++)
            {
                row[j] = ResultCell.Of(dimensions[j].Value(r));
            }
            table[r] = row;
        }
        // The statement already orders by the dimensions; sort only if the database's order differs from ours.
        // source[i] is the store row behind output row i (null: the same row).
        int[]? source = null;
        if (!RowKeys.IsSorted(table, width))
        {
            source = RowKeys.SortedOrder(table, width);
            var sorted = new ResultRows(count);
            for (var i = 0; i < count; i++)
            {
                sorted[i] = table[source[i]];
            }
            table = sorted;
        }

        var peopleAt = ComponentColumns.IndexOf(components, Components.People);
        var people = ArrayPool<long>.Shared.Rent(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                people[i] = peopleAt < 0 ? 0 : ComponentColumns.ReadLong(current[peopleAt], source?[i] ?? i) ?? 0;
            }
            MeasureValues.Fill(plan, table, source, current, previous, people);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(people);
        }
        RunningTotals.Apply(plan, table);

        var disclosure = ResultDisclosure.Of(plan, table, current);
        var columns = plan.Dimensions.Select(d => new ResultColumn(d.Name, ColumnRole.Dimension, d.ColumnType, d.ValueFormat, d.Label))
            .Concat(plan.Measures.Select(m => new ResultColumn(m.Name, ColumnRole.Measure, m.ColumnType, m.ValueFormat, m.Label)))
            .ToArray();
        var page = ResultPaging.Page(plan, table);
        var metadata = new QueryMetadata(count, clock.Elapsed, disclosure.SuppressedCells, disclosure.SyntheticShare, policy.ToString())
        {
            PerturbationTable = policy.Table?.Version,
            PerturbedCells = disclosure.PerturbedCells,
        };
        return new ResultTable(columns, page, metadata);
    }

    /// <summary>A count from a component column (kept here for the engine's and the scope probe's callers; see <see cref="ComponentColumns.ReadLong"/>).</summary>
    internal static long? ReadLong(SqlColumn column, int row) => ComponentColumns.ReadLong(column, row);
}
