using System.Numerics;

namespace Sesric.Analytics.Semantic;

internal static partial class InMemoryEvaluator
{
    /// <summary>
    /// The outer level of the two-level statement (<see cref="TwoLevelSql"/>): per cell, each component's sum over the cell's
    /// inner rows, added as each inner row is complete, in flat arrays (no object per inner row). An inner row is a count of
    /// rows, the greatest record key (0 without one), the greatest state (-1 without one) and, per conditional component, how
    /// many of its rows meet the condition.
    /// </summary>
    /// <remarks>Sums wrap as the statement's 64-bit sums of the same terms would, whatever the order they are added in; a cell
    /// key is the sum's low 24 bits. States are counted through one bit per state code and cell.</remarks>
    private sealed class OuterLevel
    {
        private readonly PersonAggregate[] _aggregates;
        private readonly bool[] _conditional;
        private readonly bool[]?[] _conditions;
        private readonly bool _withinState;
        private readonly int[] _stateSlots;
        private readonly int _stateWords;
        private readonly int _stateSlotCount;
        private int _capacity;
        private long[] _sums;
        private int[] _inners;
        private ulong[] _stateBits;

        public OuterLevel(IReadOnlyList<Component> components, bool[]?[] conditions, bool withinState, int states)
        {
            _aggregates = [.. components.Select(c => c.Person!.Aggregate)];
            _conditional = [.. components.Select(c => c.Person!.Condition is not null)];
            _conditions = conditions;
            _withinState = withinState;
            _stateSlots = new int[components.Count];
            for (var c = 0; c < components.Count; c++)
            {
                _stateSlots[c] = _aggregates[c] == PersonAggregate.States && !withinState ? _stateSlotCount++ : -1;
            }
            _stateWords = (states + 63) / 64;
            _capacity = 16;
            _sums = new long[_capacity * components.Count];
            _inners = new int[_capacity];
            _stateBits = new ulong[_capacity * _stateSlotCount * _stateWords];
        }

        /// <summary>Makes room for <paramref name="cells"/> cells.</summary>
        public void Reserve(int cells)
        {
            if (cells <= _capacity)
            {
                return;
            }
            _capacity = Math.Max(cells, _capacity * 2);
            Array.Resize(ref _sums, _capacity * _aggregates.Length);
            Array.Resize(ref _inners, _capacity);
            Array.Resize(ref _stateBits, _capacity * _stateSlotCount * _stateWords);
        }

        /// <summary>Adds fact row <paramref name="row"/> as an inner row of its own.</summary>
        public void AddRow(int cell, int row, FactSnapshotIndex.RecordKeyColumn keys, int[] states)
        {
            _inners[cell]++;
            var key = keys.HasKey[row] ? keys.Keys[row] : 0;
            var state = states[row];
            for (var c = 0; c < _aggregates.Length; c++)
            {
                var matching = _conditional[c] ? _conditions[c] is { } meets && meets[row] ? 1 : 0 : 1;
                Add(cell, c, matching, key, state);
            }
        }

        /// <summary>Adds an inner row of <paramref name="count"/> rows, <paramref name="matching"/> of them meeting each component's condition.</summary>
        public void AddInner(int cell, long count, long key, int state, ReadOnlySpan<long> matching)
        {
            _inners[cell]++;
            for (var c = 0; c < _aggregates.Length; c++)
            {
                Add(cell, c, _conditional[c] ? matching[c] : count, key, state);
            }
        }

        // matching: the inner row's rows that count for the component (those meeting its condition, or all of them).
        private void Add(int cell, int c, long matching, long key, int state)
        {
            var any = _conditional[c] && matching > 0;
            ref var sum = ref _sums[cell * _aggregates.Length + c];
            switch (_aggregates[c])
            {
                case PersonAggregate.People:
                    sum += any ? 1 : 0;
                    break;
                case PersonAggregate.PeopleKey:
                    sum += !_conditional[c] || any ? key : 0;
                    break;
                case PersonAggregate.Rows:
                    sum += matching;
                    break;
                case PersonAggregate.RowsKey:
                    sum += key * matching;
                    break;
                case PersonAggregate.States when _withinState:
                    if (any)
                    {
                        sum = 1;
                    }
                    break;
                case PersonAggregate.States:
                    if (any && state >= 0)
                    {
                        _stateBits[((cell * _stateSlotCount) + _stateSlots[c]) * _stateWords + (state >> 6)] |= 1UL << (state & 63);
                    }
                    break;
                default:
                    throw new InvalidOperationException($"no in-memory form for {_aggregates[c]}");
            }
        }

        /// <summary>The outer level's value of component <paramref name="c"/> in <paramref name="cell"/> (see <see cref="TwoLevelSql"/>).</summary>
        public long? Value(int cell, int c)
        {
            var sum = _sums[cell * _aggregates.Length + c];
            switch (_aggregates[c])
            {
                case PersonAggregate.People when !_conditional[c]:
                    return _inners[cell];
                case PersonAggregate.People or PersonAggregate.Rows:
                    return sum;
                case PersonAggregate.PeopleKey or PersonAggregate.RowsKey:
                    return sum & CellKeyMask;
                case PersonAggregate.States when _withinState:
                    return _inners[cell] == 0 ? null : sum;
                case PersonAggregate.States:
                    var bits = _stateBits.AsSpan(((cell * _stateSlotCount) + _stateSlots[c]) * _stateWords, _stateWords);
                    var states = 0;
                    foreach (var word in bits)
                    {
                        states += BitOperations.PopCount(word);
                    }
                    return states;
                default:
                    throw new InvalidOperationException($"no in-memory form for {_aggregates[c]}");
            }
        }
    }
}
