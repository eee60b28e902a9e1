using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// When the protected synthetic share (<see cref="PublishedSyntheticShare"/>) needs the cell keys of the participations and
/// synthetic rows, and what it is without them.
/// </summary>
/// <remarks>
/// <para>Under <c>public</c> each cell's synthetic rows and all its rows are perturbed with the keys of exactly those records,
/// and the share divides their sums S and R over the result's cells. In a result of only real records every synthetic count
/// is 0, so S = 0; in a result of only synthetic records each cell's synthetic rows are all its rows, the same records with
/// the same key, so S = R. Either way the published share is decided by whether R is positive alone (0 or 1 if it is, none
/// if not), and R is known to be positive without any key as soon as one cell counts enough records that the perturbation
/// table never publishes it as 0 (<see cref="PerturbationTable.SmallestPublished"/>: 4 records in <c>ptable-v1</c>), and
/// known to be 0 when no cell counts any. Only a result that mixes synthetic and real records (within a cell or across
/// cells), or whose every cell is that small, needs the two keys: two more sums over every row of a statement, so a statement
/// may leave them out (<see cref="QueryPlan.HasShareKeys"/>) and be asked again with them when its rows need them.</para>
/// <para>Published values never depend on which statement ran: with or without the keys the share is the same number, the
/// one <see cref="CellProtection.ShareCounts"/> gives.</para>
/// </remarks>
internal static class SyntheticShareKeys
{
    /// <summary>Whether <paramref name="rows"/> (a statement of <paramref name="plan"/>) need the share's cell keys to publish the share.</summary>
    public static bool Needed(QueryPlan plan, SqlRows rows)
    {
        if (!plan.ShareIsProtected)
        {
            return false;
        }
        var participations = rows.IndexOf(Components.Participations.Key);
        var synthetic = rows.IndexOf(Components.Synthetic.Key);
        return Needed(plan, rows.ColumnData[participations], rows.ColumnData[synthetic], rows.RowCount);
    }

    /// <summary>
    /// The share to publish from the exact counts of a result that needs no keys (see <see cref="Needed(QueryPlan, SqlRows)"/>):
    /// 0 for only real records, 1 for only synthetic ones, null when no record is published.
    /// </summary>
    /// <exception cref="InvalidOperationException">The result needs the keys (the engine asks again with them before this).</exception>
    public static double? ShareWithoutKeys(QueryPlan plan, SqlColumn participations, SqlColumn synthetic, int count)
    {
        var (kind, positive, unknown) = Composition(plan, participations, synthetic, count);
        if (kind == Kind.Mixed || unknown)
        {
            throw new InvalidOperationException("the synthetic share of a result mixing synthetic and real records (or of only cells the table may hide) needs the cell keys; ask again with them.");
        }
        return !positive ? null : kind == Kind.Synthetic ? 1 : 0;
    }

    private static bool Needed(QueryPlan plan, SqlColumn participations, SqlColumn synthetic, int count)
    {
        var (kind, _, unknown) = Composition(plan, participations, synthetic, count);
        return kind == Kind.Mixed || unknown;
    }

    private enum Kind
    {
        Empty,
        Real,
        Synthetic,
        Mixed,
    }

    /// <summary>
    /// Which records the result's cells hold, whether the sum of their published participation counts is known to be positive,
    /// and whether it is unknown without the keys (some cell has records, none enough to be published as more than 0).
    /// </summary>
    private static (Kind Kind, bool Positive, bool Unknown) Composition(QueryPlan plan, SqlColumn participations, SqlColumn synthetic, int count)
    {
        var table = plan.Query.Policy.Table!;
        var kind = Kind.Empty;
        var positive = false;
        for (var r = 0; r < count; r++)
        {
            var n = ComponentColumns.ReadLong(participations, r) ?? 0;
            if (n <= 0)
            {
                continue;
            }
            var s = ComponentColumns.ReadLong(synthetic, r) ?? 0;
            var cell = s == 0 ? Kind.Real : s == n ? Kind.Synthetic : Kind.Mixed;
            if (cell == Kind.Mixed || (kind != Kind.Empty && kind != cell))
            {
                return (Kind.Mixed, false, false);
            }
            kind = cell;
            positive = positive || table.SmallestPublished(n) > 0;
        }
        return (kind, positive, kind != Kind.Empty && !positive);
    }
}
