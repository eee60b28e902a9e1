using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// What a result's metadata says about its disclosure control: how many measure cells are withheld, how many are computed
/// from perturbed counts, and the synthetic share as the policy publishes it (<see cref="PublishedSyntheticShare"/>).
/// </summary>
/// <param name="SuppressedCells">Measure cells over all rows withheld by the policy.</param>
/// <param name="PerturbedCells">Measure cells over all rows computed from perturbed counts (changed or not).</param>
/// <param name="SyntheticShare">The share of synthetic records to publish, or null.</param>
internal sealed record ResultDisclosure(int SuppressedCells, long PerturbedCells, double? SyntheticShare)
{
    /// <summary>Reads the summary of <paramref name="table"/> (measure cells filled in) and its component columns <paramref name="current"/>.</summary>
    public static ResultDisclosure Of(QueryPlan plan, ResultRows table, SqlColumn[] current)
    {
        var width = plan.Dimensions.Count;
        var suppressedCells = 0;
        foreach (var row in table)
        {
            for (var m = width; m < row.Length; m++)
            {
                suppressedCells += row[m].Status == CellStatus.Suppressed ? 1 : 0;
            }
        }
        var perturbedMeasures = plan.Measures.Count(m => CellProtection.IsPerturbed(plan, m));
        return new ResultDisclosure(suppressedCells, (long)perturbedMeasures * table.Count, Share(plan, current, table.Count));
    }

    /// <summary>The synthetic share over every store row: from the cells' protected counts under a protecting policy.</summary>
    private static double? Share(QueryPlan plan, SqlColumn[] current, int count)
    {
        var components = plan.ComponentList;
        if (plan.ShareIsProtected && !plan.HasShareKeys)
        {
            // A statement without the share's keys: its result is of only synthetic or only real records (the engine asks
            // again with the keys otherwise), whose protected share the exact counts decide.
            return SyntheticShareKeys.ShareWithoutKeys(
                plan, current[ComponentColumns.IndexOf(components, Components.Participations)], current[ComponentColumns.IndexOf(components, Components.Synthetic)], count);
        }
        var synthetic = 0L;
        var read = 0L;
        if (ComponentColumns.IndexOf(components, Components.Synthetic) >= 0 && ComponentColumns.IndexOf(components, Components.Participations) >= 0)
        {
            var counts = new CellProtection(plan, current);
            for (var r = 0; r < count; r++)
            {
                var (cellSynthetic, cellRead) = counts.ShareCounts(r);
                synthetic += cellSynthetic;
                read += cellRead;
            }
        }
        return plan.Query.Policy.Protects
            ? PublishedSyntheticShare.OfProtectedCounts(synthetic, read)
            : PublishedSyntheticShare.Of(synthetic, read, protects: false);
    }
}
