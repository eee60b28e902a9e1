namespace Sesric.Analytics.Semantic.Tests.Support;

/// <summary>
/// The first implementation of <see cref="DisclosureControl.Suppress"/>, kept verbatim in logic as the
/// reference the faster one must match cell for cell: per dimension, a dictionary from the key without that
/// dimension to its member list, groups in insertion order.
/// </summary>
internal static class ReferenceDisclosure
{
    public static bool[] Suppress(IReadOnlyList<IReadOnlyList<object?>> keys, IReadOnlyList<long> participants, int k)
    {
        var suppressed = new bool[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            suppressed[i] = participants[i] > 0 && participants[i] < k;
        }
        var width = keys.Count == 0 ? 0 : keys[0].Count;
        if (width == 0 || !suppressed.Any(s => s))
        {
            return suppressed;
        }
        var groups = new List<int[]>();
        for (var dimension = 0; dimension < width; dimension++)
        {
            var byRest = new Dictionary<IReadOnlyList<object?>, List<int>>(new KeyWithoutComparer(dimension));
            for (var i = 0; i < keys.Count; i++)
            {
                if (participants[i] <= 0)
                {
                    continue;
                }
                if (!byRest.TryGetValue(keys[i], out var members))
                {
                    byRest[keys[i]] = members = [];
                }
                members.Add(i);
            }
            groups.AddRange(byRest.Values.Where(g => g.Count >= 2).Select(g => g.ToArray()));
        }
        bool changed;
        do
        {
            changed = false;
            foreach (var group in groups)
            {
                var hidden = 0;
                var candidate = -1;
                foreach (var i in group)
                {
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

    private sealed class KeyWithoutComparer(int skip) : IEqualityComparer<IReadOnlyList<object?>>
    {
        public bool Equals(IReadOnlyList<object?>? x, IReadOnlyList<object?>? y)
        {
            for (var j = 0; j < x!.Count; j++)
            {
                if (j != skip && !object.Equals(x[j], y![j]))
                {
                    return false;
                }
            }
            return true;
        }

        public int GetHashCode(IReadOnlyList<object?> key)
        {
            var hash = new HashCode();
            for (var j = 0; j < key.Count; j++)
            {
                if (j != skip)
                {
                    hash.Add(key[j]);
                }
            }
            return hash.ToHashCode();
        }
    }
}
