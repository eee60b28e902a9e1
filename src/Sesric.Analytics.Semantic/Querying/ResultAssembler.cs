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
    private sealed class Cell(object?[] key, long?[] current, long?[]? previous)
    {
        public object?[] Key { get; } = key;

        public long?[] Current { get; } = current;

        public long?[]? Previous { get; } = previous;

        public bool Suppressed { get; set; }

        /// <summary>The output row: dimension values, then one value per measure.</summary>
        public ResultCell[] Row { get; set; } = [];
    }

    /// <remarks>
    /// Runs once per query over every aggregated cell (tens of thousands for a fine grouping), so the per-cell
    /// work is plain loops over arrays: no per-cell LINQ, no text keys unless year-over-year needs them.
    /// </remarks>
    public static ResultTable Assemble(QueryPlan plan, SqlRows rows, Stopwatch clock)
    {
        var policy = plan.Query.Policy;
        var components = plan.ComponentList;
        var dimIndex = plan.Dimensions.Select(d => rows.IndexOf(d.Name)).ToArray();
        var dimTypes = plan.Dimensions.Select(d => d.ColumnType).ToArray();
        var compIndex = components.Select(c => rows.IndexOf(c.Key)).ToArray();
        var prevIndex = plan.NeedsPreviousYear ? components.Select(c => rows.IndexOf(SqlCompiler.PreviousKey(c))).ToArray() : null;

        var cells = new List<Cell>(rows.Rows.Count);
        foreach (var row in rows.Rows)
        {
            var key = new object?[dimIndex.Length];
            for (var j = 0; j < dimIndex.Length; j++)
            {
                key[j] = ToDimensionValue(row[dimIndex[j]], dimTypes[j]);
            }
            cells.Add(new Cell(key, Longs(row, compIndex), prevIndex is null ? null : Longs(row, prevIndex)));
        }
        // The statement already orders by the dimensions; sort only if the database's order differs from ours.
        if (!IsSorted(cells))
        {
            cells.Sort((a, b) => CompareKeys(a.Key, b.Key));
        }

        var peopleAt = IndexOfComponent(components, Components.People);
        long People(long?[] values) => peopleAt < 0 ? 0 : values[peopleAt] ?? 0;

        if (policy.Suppresses && peopleAt >= 0)
        {
            var hidden = DisclosureControl.Suppress(cells.Select(c => (IReadOnlyList<object?>)c.Key).ToArray(), cells.Select(c => People(c.Current)).ToArray(), policy.Threshold);
            for (var i = 0; i < cells.Count; i++)
            {
                cells[i].Suppressed = hidden[i];
            }
        }
        var byKey = new Dictionary<string, Cell>(StringComparer.Ordinal);
        if (plan.NeedsPreviousYear)
        {
            foreach (var cell in cells)
            {
                byKey[KeyText(cell.Key, -1, 0)] = cell;
            }
        }

        var width = plan.Dimensions.Count;
        foreach (var cell in cells)
        {
            var row = new ResultCell[width + plan.Measures.Count];
            for (var j = 0; j < width; j++)
            {
                row[j] = ResultCell.Of(cell.Key[j]);
            }
            var current = cell.Current;
            Func<Component, long?> get = c => current[IndexOfComponent(components, c)];
            for (var m = 0; m < plan.Measures.Count; m++)
            {
                var measure = plan.Measures[m];
                row[width + m] = measure.TimeFunction switch
                {
                    TimeFunction.None or TimeFunction.RunningTotal => Evaluate(measure.Inner ?? measure, current, get, cell.Suppressed),
                    _ => YearOverYear(measure, cell, get),
                };
            }
            cell.Row = row;
        }

        // Running totals: per group of the other dimensions, in year order, over the yearly values.
        for (var m = 0; m < plan.Measures.Count; m++)
        {
            if (plan.Measures[m].TimeFunction != TimeFunction.RunningTotal)
            {
                continue;
            }
            foreach (var series in cells.GroupBy(c => KeyText(c.Key, plan.YearIndex, 0)))
            {
                long sum = 0;
                var status = CellStatus.Ok;
                foreach (var cell in series.OrderBy(c => (long)c.Key[plan.YearIndex]!))
                {
                    var yearly = cell.Row[width + m];
                    if (status != CellStatus.Suppressed && yearly.Status != CellStatus.Ok)
                    {
                        status = yearly.Status;
                    }
                    if (status == CellStatus.Ok)
                    {
                        sum += (long)yearly.Value!;
                    }
                    cell.Row[width + m] = status == CellStatus.Ok ? ResultCell.Of(sum) : new ResultCell(null, status);
                }
            }
        }

        var table = new List<ResultCell[]>(cells.Count);
        foreach (var cell in cells)
        {
            table.Add(cell.Row);
        }
        if (plan.Order.Count > 0)
        {
            table = table.OrderBy(r => r, new RowComparer(plan.Order)).ToList();
        }
        var total = table.Count;
        IEnumerable<ResultCell[]> page = table.Skip(plan.Query.Offset);
        if (plan.Query.Limit is { } limit)
        {
            page = page.Take(limit);
        }

        var suppressedCells = 0;
        foreach (var cell in cells)
        {
            for (var m = width; m < cell.Row.Length; m++)
            {
                suppressedCells += cell.Row[m].Status == CellStatus.Suppressed ? 1 : 0;
            }
        }
        var synthetic = 0L;
        var read = 0L;
        var syntheticAt = IndexOfComponent(components, Components.Synthetic);
        var rowsAt = IndexOfComponent(components, Components.Participations);
        if (syntheticAt >= 0 && rowsAt >= 0)
        {
            foreach (var cell in cells)
            {
                synthetic += cell.Current[syntheticAt] ?? 0;
                read += cell.Current[rowsAt] ?? 0;
            }
        }
        var columns = plan.Dimensions.Select(d => new ResultColumn(d.Name, ColumnRole.Dimension, d.ColumnType, d.ValueFormat, d.Label))
            .Concat(plan.Measures.Select(m => new ResultColumn(m.Name, ColumnRole.Measure, m.ColumnType, m.ValueFormat, m.Label)))
            .ToArray();
        var metadata = new QueryMetadata(total, clock.Elapsed, suppressedCells, read > 0 ? (double)synthetic / read : null, policy.ToString());
        return new ResultTable(columns, page.ToArray(), metadata);

        ResultCell Evaluate(MeasureDefinition measure, long?[] values, Func<Component, long?> get, bool suppressed)
        {
            if (measure.Source == FactSource.Published)
            {
                return ResultCell.Of(measure.Combine(get));
            }
            if (People(values) <= 0)
            {
                return ResultCell.Unknown;
            }
            if (suppressed || (policy.Suppresses && HasUnsafeCount(measure.SensitiveCounts(get), policy.Threshold)))
            {
                return ResultCell.Suppressed;
            }
            return ResultCell.Of(measure.Combine(get));
        }

        ResultCell YearOverYear(MeasureDefinition measure, Cell cell, Func<Component, long?> get)
        {
            var previous = cell.Previous!;
            Func<Component, long?> getPrevious = c => previous[IndexOfComponent(components, c)];
            var inner = measure.Inner!;
            var now = Evaluate(inner, cell.Current, get, cell.Suppressed);
            var previousPeople = People(cell.Previous!);
            var previousSuppressed = policy.Suppresses && previousPeople > 0 && previousPeople < policy.Threshold;
            if (policy.Suppresses && byKey.TryGetValue(KeyText(cell.Key, plan.YearIndex, -1), out var shown) && shown.Suppressed)
            {
                previousSuppressed = true;
            }
            var before = Evaluate(inner, previous, getPrevious, previousSuppressed);
            if (now.Status == CellStatus.Suppressed || before.Status == CellStatus.Suppressed)
            {
                return ResultCell.Suppressed;
            }
            if (now.Status != CellStatus.Ok || before.Status != CellStatus.Ok)
            {
                return ResultCell.Unknown;
            }
            if (measure.TimeFunction == TimeFunction.YoyPct)
            {
                var b = before.AsDouble()!.Value;
                return b == 0 ? ResultCell.Unknown : ResultCell.Of((now.AsDouble()!.Value - b) / b);
            }
            return now.Value is long n && before.Value is long p
                ? ResultCell.Of(n - p)
                : ResultCell.Of(now.AsDouble()!.Value - before.AsDouble()!.Value);
        }
    }

    private static bool HasUnsafeCount(IEnumerable<long?> counts, int k)
    {
        foreach (var count in counts)
        {
            if (!DisclosureControl.IsSafeCount(count, k))
            {
                return true;
            }
        }
        return false;
    }

    private static long?[] Longs(object?[] row, int[] indexes)
    {
        var values = new long?[indexes.Length];
        for (var i = 0; i < indexes.Length; i++)
        {
            values[i] = ToLong(row[indexes[i]]);
        }
        return values;
    }

    private static bool IsSorted(List<Cell> cells)
    {
        for (var i = 1; i < cells.Count; i++)
        {
            if (CompareKeys(cells[i - 1].Key, cells[i].Key) > 0)
            {
                return false;
            }
        }
        return true;
    }

    private static int IndexOfComponent(IReadOnlyList<Component> components, Component c)
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

    /// <summary>The key as text, with the value at <paramref name="shiftAt"/> moved by <paramref name="shift"/> years (or left out when the shift is 0).</summary>
    private static string KeyText(object?[] key, int shiftAt, int shift)
    {
        var s = new StringBuilder();
        for (var j = 0; j < key.Length; j++)
        {
            if (j == shiftAt)
            {
                if (shift == 0)
                {
                    continue;
                }
                s.Append(((long)key[j]! + shift).ToString(CultureInfo.InvariantCulture)).Append('\u001f');
                continue;
            }
            s.Append(key[j] switch
            {
                null => "\u0000",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var o => o.ToString(),
            }).Append('\u001f');
        }
        return s.ToString();
    }

    /// <summary>Orders keys value by value, missing values first.</summary>
    private static int CompareKeys(object?[] a, object?[] b)
    {
        for (var j = 0; j < a.Length; j++)
        {
            var c = CompareValues(a[j], b[j]);
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
        (string x, string y) => string.CompareOrdinal(x, y),
        (long x, long y) => x.CompareTo(y),
        (double x, double y) => x.CompareTo(y),
        (DateOnly x, DateOnly y) => x.CompareTo(y),
        _ => Convert.ToDouble(a, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(b, CultureInfo.InvariantCulture)),
    };

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
