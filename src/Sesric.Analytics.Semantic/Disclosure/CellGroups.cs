using System.Buffers;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// The groups secondary suppression checks: for each dimension in turn, the cells with people that agree on
/// every other dimension, kept when they have two or more members. Groups come dimension by dimension, each
/// dimension's in the order of their first cell, members in cell order (the order decides which cell
/// <see cref="DisclosureControl"/> hides first, so it is part of the behaviour).
/// </summary>
/// <remarks>
/// Stored flat, as in a sparse matrix: group g's members are <c>Members[Starts[g]..Starts[g + 1]]</c>. The
/// arrays are rented from the shared pool (a fine grouping has tens of thousands of cells, and arrays that
/// large would otherwise go to the large-object heap on every query); <see cref="Dispose"/> returns them.
/// </remarks>
internal sealed class CellGroups : IDisposable
{
    private int[] _members;
    private int[] _starts;
    private int _memberCount;
    private int _groupCount;

    private CellGroups(int[] members, int[] starts)
    {
        _members = members;
        _starts = starts;
    }

    /// <summary>Every group's members, group after group.</summary>
    public ReadOnlySpan<int> Members => _members.AsSpan(0, _memberCount);

    /// <summary>Where each group starts in <see cref="Members"/>, plus one entry for the end of the last group.</summary>
    public ReadOnlySpan<int> Starts => _starts.AsSpan(0, _groupCount + 1);

    /// <summary>Groups the cells with people (participants above 0) by every dimension but one, for each dimension.</summary>
    public static CellGroups Build(int count, int width, Func<int, int, object?> keyAt, ReadOnlySpan<long> participants)
    {
        var pool = ArrayPool<int>.Shared;
        // Each dimension puts a cell in at most one group, and every kept group has at least two members.
        var groups = new CellGroups(pool.Rent(Math.Max(1, count * width)), pool.Rent(width * (count / 2) + 1));
        var numbers = new int[width][];
        var distinct = new int[width];
        var groupOf = pool.Rent(count);
        try
        {
            for (var j = 0; j < width; j++)
            {
                numbers[j] = pool.Rent(count);
                distinct[j] = Number(count, j, keyAt, participants, numbers[j]);
            }
            for (var d = 0; d < width; d++)
            {
                var bound = GroupOfEachCell(count, width, d, numbers, distinct, participants, groupOf);
                groups.Add(count, participants, groupOf, bound);
            }
            groups._starts[groups._groupCount] = groups._memberCount;
            return groups;
        }
        catch
        {
            groups.Dispose();
            throw;
        }
        finally
        {
            pool.Return(groupOf);
            foreach (var n in numbers)
            {
                if (n is not null)
                {
                    pool.Return(n);
                }
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_members.Length > 0)
        {
            ArrayPool<int>.Shared.Return(_members);
            ArrayPool<int>.Shared.Return(_starts);
            _members = [];
            _starts = [];
        }
    }

    /// <summary>Numbers dimension <paramref name="j"/>'s values: null is 0, others 1, 2, ... by first appearance. Returns how many numbers there are.</summary>
    private static int Number(int count, int j, Func<int, int, object?> keyAt, ReadOnlySpan<long> participants, int[] number)
    {
        var seen = new Dictionary<object, int>();
        for (var i = 0; i < count; i++)
        {
            if (participants[i] <= 0)
            {
                continue;
            }
            if (keyAt(i, j) is not { } value)
            {
                number[i] = 0;
            }
            else if (!seen.TryGetValue(value, out number[i]))
            {
                number[i] = seen[value] = seen.Count + 1;
            }
        }
        return seen.Count + 1;
    }

    /// <summary>
    /// Gives each cell with people a number shared exactly by the cells that agree with it on every
    /// dimension but <paramref name="skip"/>. Returns an upper bound of those numbers.
    /// </summary>
    private static int GroupOfEachCell(int count, int width, int skip, int[][] numbers, int[] distinct, ReadOnlySpan<long> participants, int[] groupOf)
    {
        if (width == 1)
        {
            // With a single dimension every cell is in the one group whose total is the grand total.
            groupOf.AsSpan(0, count).Clear();
            return 1;
        }
        var first = skip == 0 ? 1 : 0;
        numbers[first].AsSpan(0, count).CopyTo(groupOf);
        var bound = distinct[first];
        for (var j = first + 1; j < width; j++)
        {
            if (j == skip)
            {
                continue;
            }
            // Combine the group so far with this dimension's number: equal pairs get equal new numbers.
            var pairs = new Dictionary<long, int>();
            var next = numbers[j];
            for (var i = 0; i < count; i++)
            {
                if (participants[i] <= 0)
                {
                    continue;
                }
                var pair = ((long)groupOf[i] << 32) | (uint)next[i];
                if (!pairs.TryGetValue(pair, out groupOf[i]))
                {
                    groupOf[i] = pairs[pair] = pairs.Count;
                }
            }
            bound = pairs.Count;
        }
        return bound;
    }

    /// <summary>Appends one dimension's groups of two or more cells, in order of their first cell.</summary>
    private void Add(int count, ReadOnlySpan<long> participants, int[] groupOf, int bound)
    {
        var pool = ArrayPool<int>.Shared;
        var order = pool.Rent(bound);
        var size = pool.Rent(bound);
        try
        {
            order.AsSpan(0, bound).Fill(-1);
            var seen = 0;
            for (var i = 0; i < count; i++)
            {
                if (participants[i] <= 0)
                {
                    continue;
                }
                ref var o = ref order[groupOf[i]];
                if (o < 0)
                {
                    o = seen;
                    size[seen++] = 0;
                }
                groupOf[i] = o;
                size[o]++;
            }
            // size[g] becomes the next free slot of group g in _members, or -1 for a group of one.
            for (var g = 0; g < seen; g++)
            {
                if (size[g] >= 2)
                {
                    _starts[_groupCount++] = _memberCount;
                    (size[g], _memberCount) = (_memberCount, _memberCount + size[g]);
                }
                else
                {
                    size[g] = -1;
                }
            }
            for (var i = 0; i < count; i++)
            {
                if (participants[i] > 0 && size[groupOf[i]] >= 0)
                {
                    _members[size[groupOf[i]]++] = i;
                }
            }
        }
        finally
        {
            pool.Return(order);
            pool.Return(size);
        }
    }
}
