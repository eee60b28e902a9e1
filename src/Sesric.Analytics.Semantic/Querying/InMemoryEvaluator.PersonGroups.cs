namespace Sesric.Analytics.Semantic;

internal static partial class InMemoryEvaluator
{
    /// <summary>
    /// The inner rows of persons with several rows in a cell (neither <c>is_single</c> nor within an edition): one entry per
    /// person and cell, keyed by the cell's number and the person's code, holding what <see cref="OuterLevel"/> adds once
    /// the entry is complete (the row count, greatest record key and state, rows meeting each condition).
    /// </summary>
    private sealed class PersonGroups(FactSnapshotIndex.CodedColumn persons, bool[]?[] conditions)
    {
        private readonly Dictionary<long, int> _entries = [];
        private readonly int _persons = persons.Values.Length;
        private int[] _cells = new int[16];
        private long[] _counts = new long[16];
        private long[] _keys = new long[16];
        private bool[] _hasKeys = new bool[16];
        private int[] _states = new int[16];
        private long[] _matching = new long[16 * conditions.Length];

        /// <summary>Adds fact row <paramref name="row"/> to its person's entry in <paramref name="cell"/>.</summary>
        public void Add(int cell, int row, FactSnapshotIndex.RecordKeyColumn keys, int[] states)
        {
            var entryKey = (long)cell * _persons + persons.Codes[row];
            if (!_entries.TryGetValue(entryKey, out var entry))
            {
                entry = _entries.Count;
                _entries.Add(entryKey, entry);
                Grow(entry + 1);
                _cells[entry] = cell;
                _states[entry] = -1;
            }
            _counts[entry]++;
            if (keys.HasKey[row] && (!_hasKeys[entry] || keys.Keys[row] > _keys[entry]))
            {
                _keys[entry] = keys.Keys[row];
                _hasKeys[entry] = true;
            }
            _states[entry] = Math.Max(_states[entry], states[row]);
            for (var c = 0; c < conditions.Length; c++)
            {
                if (conditions[c] is { } meets && meets[row])
                {
                    _matching[entry * conditions.Length + c]++;
                }
            }
        }

        /// <summary>Adds every entry to <paramref name="outer"/> as one inner row.</summary>
        public void AddTo(OuterLevel outer)
        {
            for (var entry = 0; entry < _entries.Count; entry++)
            {
                outer.AddInner(_cells[entry], _counts[entry], _keys[entry], _states[entry], _matching.AsSpan(entry * conditions.Length, conditions.Length));
            }
        }

        private void Grow(int entries)
        {
            if (entries <= _cells.Length)
            {
                return;
            }
            var size = _cells.Length * 2;
            Array.Resize(ref _cells, size);
            Array.Resize(ref _counts, size);
            Array.Resize(ref _keys, size);
            Array.Resize(ref _hasKeys, size);
            Array.Resize(ref _states, size);
            Array.Resize(ref _matching, size * conditions.Length);
        }
    }
}
