using System.Buffers;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// Statistical disclosure control over the cells of an aggregated result: pure logic, no database.
/// </summary>
/// <remarks>
/// <para>A <em>cell</em> is one result row: one combination of dimension values, with the number of
/// distinct participants behind it. Under a public policy with threshold k:</para>
/// <list type="number">
/// <item><b>Primary suppression.</b> A cell counting 1 to k-1 distinct participants is suppressed.
/// A cell counting 0 (no registry data, such as an edition known only from its published totals) is
/// not a cell of people and is neither suppressed nor part of any group.</item>
/// <item><b>Secondary suppression.</b> For each dimension, the cells that agree on every other
/// dimension form a group whose total can be obtained by querying without that dimension (with a
/// single dimension, all cells form one group). A group with exactly one suppressed cell would let
/// that cell be recovered by subtracting the others from the total, so the group's unsuppressed cell
/// with the fewest participants (the first in dimension order on a tie) is suppressed as well. This
/// repeats until no group of two or more cells has exactly one suppressed cell.</item>
/// <item><b>Carried suppression.</b> In a suppressed cell every registry measure is suppressed,
/// shares and averages included; a year-over-year value is suppressed when either year's cell is; a
/// running total is suppressed from the first suppressed year on. A share is also suppressed when
/// one of the groups it divides (women and men for <c>female_share</c>, returning and first-time
/// participants for <c>returning_share</c>) counts 1 to k-1 people. Published edition totals are
/// public facts and are never suppressed.</item>
/// <item>Suppressed cells are marked <see cref="Querying.CellStatus.Suppressed"/> with a null value:
/// never zeroed, never dropped. Ordering puts them after every shown value, so their position does
/// not reveal their size.</item>
/// </list>
/// <para>Counts are treated as if additive across every dimension, which is conservative: distinct
/// participants are not additive across years, so exact recovery is harder than this rule assumes.</para>
/// </remarks>
public static class DisclosureControl
{
    /// <summary>
    /// Decides which cells to suppress.
    /// </summary>
    /// <param name="keys">Each cell's dimension values (all of the same length); the order decides ties.</param>
    /// <param name="participants">Each cell's distinct participants (0 for a cell with no registry data).</param>
    /// <param name="k">The threshold: cells counting fewer than k people are suppressed.</param>
    /// <returns>For each cell, whether it is suppressed.</returns>
    public static bool[] Suppress(IReadOnlyList<IReadOnlyList<object?>> keys, IReadOnlyList<long> participants, int k)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(participants);
        if (keys.Count != participants.Count)
        {
            throw new ArgumentException($"keys has {keys.Count} cells but participants has {participants.Count}.", nameof(participants));
        }
        var count = keys.Count;
        var people = ArrayPool<long>.Shared.Rent(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                people[i] = participants[i];
            }
            var width = count == 0 ? 0 : keys[0].Count;
            return Suppress(count, width, (cell, dimension) => keys[cell][dimension], people.AsSpan(0, count), k);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(people);
        }
    }

    /// <summary>
    /// <see cref="Suppress(IReadOnlyList{IReadOnlyList{object?}}, IReadOnlyList{long}, int)"/> over cells the
    /// caller holds in its own form: <paramref name="keyAt"/> gives cell i's value on dimension j.
    /// </summary>
    /// <remarks>
    /// Runs once per query over every cell (tens of thousands for a fine grouping), so it allocates nothing
    /// per cell: each dimension's values are numbered once (equal values, by <see cref="object.Equals(object?, object?)"/>,
    /// get equal numbers), each cell's group is found from the numbers of its other dimensions, and the groups
    /// are kept as one flat array of members. Temporary arrays come from the shared pool.
    /// </remarks>
    internal static bool[] Suppress(int count, int width, Func<int, int, object?> keyAt, ReadOnlySpan<long> participants, int k)
    {
        var suppressed = new bool[count];
        var any = false;
        for (var i = 0; i < count; i++)
        {
            suppressed[i] = participants[i] > 0 && participants[i] < k;
            any |= suppressed[i];
        }
        if (width == 0 || !any)
        {
            return suppressed;
        }

        // Group membership does not change while suppressing, so build the groups once.
        using var groups = CellGroups.Build(count, width, keyAt, participants);
        var members = groups.Members;
        var starts = groups.Starts;
        bool changed;
        do
        {
            changed = false;
            for (var g = 0; g < starts.Length - 1; g++)
            {
                var hidden = 0;
                var candidate = -1;
                for (var m = starts[g]; m < starts[g + 1]; m++)
                {
                    var i = members[m];
                    if (suppressed[i])
                    {
                        hidden++;
                    }
                    else if (candidate < 0 || participants[i] < participants[candidate])
                    {
                        candidate = i;
                    }
                }
                if (hidden == 1 && candidate >= 0)
                {
                    suppressed[candidate] = true;
                    changed = true;
                }
            }
        }
        while (changed);
        return suppressed;
    }

    /// <summary>Whether a count of people may be shown next to others: 0 or at least <paramref name="k"/>.</summary>
    public static bool IsSafeCount(long? count, int k) => count is not { } c || c == 0 || c >= k;
}
