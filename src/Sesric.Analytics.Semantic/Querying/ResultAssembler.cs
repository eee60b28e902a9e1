using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;

using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// Turns the aggregated rows of a compiled query into the result table: measure values from their
/// components, disclosure control, time intelligence, ordering and paging.
/// </summary>
internal static class ResultAssembler
{
    /// <remarks>
    /// Runs once per query over every aggregated cell (tens of thousands for a fine grouping), so it reads the
    /// store's typed columns directly and allocates per cell only what the result keeps: the row of
    /// <see cref="ResultCell"/>s and its boxed measure values. Dimension values are the column's own objects
    /// (strings) or shared boxes (integers); per-cell working state lives in arrays indexed by cell, pooled
    /// when large. Text keys are built only when year-over-year or running totals need them.
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
        if (!IsSorted(table, width))
        {
            source = SortedOrder(table, width);
            var sorted = new ResultRows(count);
            for (var i = 0; i < count; i++)
            {
                sorted[i] = table[source[i]];
            }
            table = sorted;
        }

        var peopleAt = IndexOfComponent(components, Components.People);
        var people = ArrayPool<long>.Shared.Rent(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                people[i] = peopleAt < 0 ? 0 : ReadLong(current[peopleAt], source?[i] ?? i) ?? 0;
            }
            FillMeasures(plan, table, source, current, previous, people);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(people);
        }
        RunningTotals(plan, table);

        var suppressedCells = 0;
        foreach (var row in table)
        {
            for (var m = width; m < row.Length; m++)
            {
                suppressedCells += row[m].Status == CellStatus.Suppressed ? 1 : 0;
            }
        }
        var perturbedMeasures = plan.Measures.Count(m => CellProtection.IsPerturbed(plan, m));
        var protectedCells = (long)perturbedMeasures * count;
        var synthetic = 0L;
        var read = 0L;
        var syntheticAt = IndexOfComponent(components, Components.Synthetic);
        var rowsAt = IndexOfComponent(components, Components.Participations);
        if (syntheticAt >= 0 && rowsAt >= 0)
        {
            var counts = new CellProtection(plan, current);
            for (var r = 0; r < count; r++)
            {
                var (cellSynthetic, cellRead) = counts.ShareCounts(r);
                synthetic += cellSynthetic;
                read += cellRead;
            }
        }
        var columns = plan.Dimensions.Select(d => new ResultColumn(d.Name, ColumnRole.Dimension, d.ColumnType, d.ValueFormat, d.Label))
            .Concat(plan.Measures.Select(m => new ResultColumn(m.Name, ColumnRole.Measure, m.ColumnType, m.ValueFormat, m.Label)))
            .ToArray();
        var page = Page(plan, table);
        var metadata = new QueryMetadata(count, clock.Elapsed, suppressedCells, policy.Protects ? PublishedSyntheticShare.OfProtectedCounts(synthetic, read) : PublishedSyntheticShare.Of(synthetic, read, protects: false), policy.ToString())
        {
            PerturbationTable = policy.Table?.Version,
            PerturbedCells = protectedCells,
        };
        return new ResultTable(columns, page, metadata);
    }

    /// <summary>Computes every measure of every row (running totals get their yearly values here and are summed later).</summary>
    private static void FillMeasures(
        QueryPlan plan, ResultRows table, int[]? source, SqlColumn[] current, SqlColumn[]? previous, long[] people)
    {
        using var span = Telemetry.SesricTelemetry.Start("sesric.query.disclosure");
        var components = plan.ComponentList;
        var width = plan.Dimensions.Count;
        var peopleAt = IndexOfComponent(components, Components.People);

        // Measures read their components through these two functions; `at` says which store row they read,
        // so there is one pair of delegates per query rather than one per cell. Each read is already protected
        // (exact, perturbed or withheld as the plan's policy says).
        var at = new Cursor();
        var now = new CellProtection(plan, current);
        var then = previous is null ? null : new CellProtection(plan, previous);
        Func<Component, long?> get = c => now.Read(c, at.Row);
        Func<Component, long?> getPrevious = c => then!.Read(c, at.Row);
        var withheld = plan.Measures.Select(m => CellProtection.IsWithheld(plan, m)).ToArray();

        for (var i = 0; i < table.Count; i++)
        {
            at.Row = source?[i] ?? i;
            var row = table[i];
            for (var m = 0; m < plan.Measures.Count; m++)
            {
                var measure = plan.Measures[m];
                row[width + m] = withheld[m]
                    ? ResultCell.Suppressed
                    : measure.TimeFunction switch
                    {
                        TimeFunction.None or TimeFunction.RunningTotal => Evaluate(measure.Inner ?? measure, people[i], get),
                        _ => YearOverYear(measure),
                    };
            }
        }

        static ResultCell Evaluate(MeasureDefinition measure, long rowPeople, Func<Component, long?> read)
        {
            if (measure.Source == FactSource.Published)
            {
                return ResultCell.Of(measure.Combine(read));
            }
            return rowPeople <= 0 ? ResultCell.Unknown : ResultCell.Of(measure.Combine(read));
        }

        ResultCell YearOverYear(MeasureDefinition measure)
        {
            var inner = measure.Inner!;
            var nowCell = Evaluate(inner, peopleAt < 0 ? 0 : ReadLong(current[peopleAt], at.Row) ?? 0, get);
            var previousPeople = peopleAt < 0 ? 0 : ReadLong(previous![peopleAt], at.Row) ?? 0;
            var before = Evaluate(inner, previousPeople, getPrevious);
            if (nowCell.Status != CellStatus.Ok || before.Status != CellStatus.Ok)
            {
                return ResultCell.Unknown;
            }
            if (measure.TimeFunction == TimeFunction.YoyPct)
            {
                var b = before.AsDouble()!.Value;
                return b == 0 ? ResultCell.Unknown : ResultCell.Of((nowCell.AsDouble()!.Value - b) / b);
            }
            return nowCell.Value is long n && before.Value is long p
                ? ResultCell.Of(n - p)
                : ResultCell.Of(nowCell.AsDouble()!.Value - before.AsDouble()!.Value);
        }
    }

    /// <summary>Running totals: per group of the other dimensions, in year order, over the yearly values.</summary>
    private static void RunningTotals(QueryPlan plan, ResultRows table)
    {
        var width = plan.Dimensions.Count;
        for (var m = 0; m < plan.Measures.Count; m++)
        {
            if (plan.Measures[m].TimeFunction != TimeFunction.RunningTotal)
            {
                continue;
            }
            foreach (var series in Enumerable.Range(0, table.Count).GroupBy(i => KeyText(table[i], width, plan.YearIndex, 0)))
            {
                long sum = 0;
                var status = CellStatus.Ok;
                foreach (var i in series.OrderBy(i => (long)table[i][plan.YearIndex].Value!))
                {
                    var yearly = table[i][width + m];
                    if (status != CellStatus.Suppressed && yearly.Status != CellStatus.Ok)
                    {
                        status = yearly.Status;
                    }
                    if (status == CellStatus.Ok)
                    {
                        sum += (long)yearly.Value!;
                    }
                    table[i][width + m] = status == CellStatus.Ok ? ResultCell.Of(sum) : new ResultCell(null, status);
                }
            }
        }
    }

    /// <summary>The rows in the query's order (stable: equal rows keep their dimension order), then offset and limit.</summary>
    private static ResultRows Page(QueryPlan plan, ResultRows table)
    {
        var offset = Math.Min(plan.Query.Offset, table.Count);
        var size = Math.Min(table.Count - offset, plan.Query.Limit ?? int.MaxValue);
        if (plan.Order.Count == 0)
        {
            return offset == 0 && size == table.Count ? table : Slice(table, null, offset, size);
        }
        var order = ArrayPool<int>.Shared.Rent(table.Count);
        try
        {
            for (var i = 0; i < table.Count; i++)
            {
                order[i] = i;
            }
            var rows = new RowComparer(plan.Order);
            order.AsSpan(0, table.Count).Sort((a, b) => rows.Compare(table[a], table[b]) is var c && c != 0 ? c : a.CompareTo(b));
            return Slice(table, order, offset, size);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(order);
        }
    }

    /// <summary>Rows offset to offset + size of <paramref name="table"/>, through <paramref name="order"/> when given.</summary>
    private static ResultRows Slice(ResultRows table, int[]? order, int offset, int size)
    {
        var page = new ResultRows(size);
        for (var i = 0; i < size; i++)
        {
            page[i] = table[order is null ? offset + i : order[offset + i]];
        }
        return page;
    }

    /// <summary>A count from a component column: the typed read for the usual long column, the general conversion otherwise.</summary>
    internal static long? ReadLong(SqlColumn column, int row) => column switch
    {
        SqlColumn<long> longs => longs.IsNull(row) ? null : longs[row],
        SqlColumn<double> doubles => doubles.IsNull(row) ? null : (long)doubles[row],
        _ => ToLong(column.GetValue(row)),
    };

    private static bool IsSorted(ResultRows table, int width)
    {
        for (var i = 1; i < table.Count; i++)
        {
            if (CompareKeys(table[i - 1], table[i], width) > 0)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The store rows in key order (ties, which grouped rows never have, in store order).</summary>
    private static int[] SortedOrder(ResultRows table, int width)
    {
        var order = new int[table.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        Array.Sort(order, (a, b) => CompareKeys(table[a], table[b], width) is var c && c != 0 ? c : a.CompareTo(b));
        return order;
    }

    internal static int IndexOfComponent(IReadOnlyList<Component> components, Component c)
    {
        for (var i = 0; i < components.Count; i++)
        {
            if (ReferenceEquals(components[i], c))
            {
                return i;
            }
        }
        return -1;
    }

    private static long? ToLong(object? value) => value switch
    {
        null => null,
        long l => l,
        int i => i,
        short s => s,
        decimal d => (long)d,
        double d => (long)d,
        System.Numerics.BigInteger b => (long)b,
        IConvertible c => c.ToInt64(CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"the store returned a {value.GetType().Name} where a count was expected."),
    };

    private static object? ToDimensionValue(object? value, ColumnType type) => value switch
    {
        null => null,
        // The usual case: already the dimension's type; keep the object (no copy, no new box).
        string when type == ColumnType.String => value,
        long when type == ColumnType.Integer => value,
        _ when type == ColumnType.Integer => ToLong(value),
        DateTime dt when type == ColumnType.Date => DateOnly.FromDateTime(dt),
        DateOnly d => d,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>The row's key (its first <paramref name="width"/> values) as text, with the value at <paramref name="shiftAt"/> moved by <paramref name="shift"/> years (or left out when the shift is 0).</summary>
    private static string KeyText(ResultCell[] row, int width, int shiftAt, int shift)
    {
        var s = new StringBuilder();
        for (var j = 0; j < width; j++)
        {
            if (j == shiftAt)
            {
                if (shift == 0)
                {
                    continue;
                }
                s.Append(((long)row[j].Value! + shift).ToString(CultureInfo.InvariantCulture)).Append('\u001f');
                continue;
            }
            s.Append(row[j].Value switch
            {
                null => "\u0000",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var o => o.ToString(),
            }).Append('\u001f');
        }
        return s.ToString();
    }

    /// <summary>Orders rows by their keys (first <paramref name="width"/> values) value by value, missing values first.</summary>
    private static int CompareKeys(ResultCell[] a, ResultCell[] b, int width)
    {
        for (var j = 0; j < width; j++)
        {
            var c = CompareValues(a[j].Value, b[j].Value);
            if (c != 0)
            {
                return c;
            }
        }
        return 0;
    }

    private static int CompareValues(object? a, object? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (string x, string y) => DimensionOrder.CompareText(x, y),
        (long x, long y) => x.CompareTo(y),
        (double x, double y) => x.CompareTo(y),
        (DateOnly x, DateOnly y) => x.CompareTo(y),
        _ => Convert.ToDouble(a, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(b, CultureInfo.InvariantCulture)),
    };

    /// <summary>The store row the measure functions read.</summary>
    private sealed class Cursor
    {
        public int Row { get; set; }
    }

    /// <summary>Reads one dimension's values from its column as the dimension's type.</summary>
    private sealed class DimensionReader(SqlColumn column, ColumnType type)
    {
        // A year column repeats a few dozen values over thousands of rows: one box per distinct value.
        private const int MaxBoxes = 4096;

        private readonly Dictionary<long, object> _boxes = [];

        public object? Value(int row)
        {
            if (type == ColumnType.String && column is SqlColumn<string> text)
            {
                // Already the dimension's type; keep the store's object (no copy).
                return text[row];
            }
            if (type == ColumnType.Integer && column is SqlColumn<long> integers)
            {
                return integers.IsNull(row) ? null : Box(integers[row]);
            }
            return ToDimensionValue(column.GetValue(row), type);
        }

        private object Box(long value)
        {
            if (_boxes.TryGetValue(value, out var box))
            {
                return box;
            }
            box = value;
            if (_boxes.Count < MaxBoxes)
            {
                _boxes.Add(value, box);
            }
            return box;
        }
    }

    /// <summary>Orders rows by the order-by keys; a value not shown (suppressed or unknown) comes after every shown value in either direction.</summary>
    private sealed class RowComparer(IReadOnlyList<(int Column, bool Descending)> order) : IComparer<ResultCell[]>
    {
        public int Compare(ResultCell[]? x, ResultCell[]? y)
        {
            foreach (var (column, descending) in order)
            {
                var a = x![column];
                var b = y![column];
                var aShown = a.Status == CellStatus.Ok;
                var bShown = b.Status == CellStatus.Ok;
                if (aShown != bShown)
                {
                    return aShown ? -1 : 1;
                }
                if (!aShown)
                {
                    continue;
                }
                var c = CompareValues(a.Value, b.Value);
                if (c != 0)
                {
                    return descending ? -c : c;
                }
            }
            return 0;
        }
    }
}
