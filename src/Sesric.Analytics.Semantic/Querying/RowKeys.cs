using System.Globalization;
using System.Text;

using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic;

/// <summary>A result row's key (its dimension values, the first cells of the row): comparing, ordering and naming rows by it.</summary>
internal static class RowKeys
{
    /// <summary>Whether the rows are already in key order (the statement orders by the dimensions, so usually they are).</summary>
    public static bool IsSorted(ResultRows table, int width)
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
    public static int[] SortedOrder(ResultRows table, int width)
    {
        var order = new int[table.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        Array.Sort(order, (a, b) => CompareKeys(table[a], table[b], width) is var c && c != 0 ? c : a.CompareTo(b));
        return order;
    }

    /// <summary>The row's key (its first <paramref name="width"/> values) as text, with the value at <paramref name="shiftAt"/> moved by <paramref name="shift"/> years (or left out when the shift is 0).</summary>
    public static string KeyText(ResultCell[] row, int width, int shiftAt, int shift)
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
    public static int CompareKeys(ResultCell[] a, ResultCell[] b, int width)
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

    /// <summary>Orders two cell values of one column: missing first, text in the dimensions' order, numbers and dates by value.</summary>
    public static int CompareValues(object? a, object? b) => (a, b) switch
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
}
