using System.Buffers;

namespace Sesric.Analytics.Semantic;

/// <summary>Puts a query's rows in its order (stable: equal rows keep their dimension order) and cuts its page.</summary>
internal static class ResultPaging
{
    /// <summary>The rows in the query's order, then offset and limit.</summary>
    public static ResultRows Page(QueryPlan plan, ResultRows table)
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
}
