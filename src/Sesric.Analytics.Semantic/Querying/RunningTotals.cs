using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic;

/// <summary>Running totals: per group of the other dimensions, in year order, over the yearly values already in the rows.</summary>
internal static class RunningTotals
{
    public static void Apply(QueryPlan plan, ResultRows table)
    {
        var width = plan.Dimensions.Count;
        for (var m = 0; m < plan.Measures.Count; m++)
        {
            if (plan.Measures[m].TimeFunction != TimeFunction.RunningTotal)
            {
                continue;
            }
            foreach (var series in Enumerable.Range(0, table.Count).GroupBy(i => RowKeys.KeyText(table[i], width, plan.YearIndex, 0)))
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
}
