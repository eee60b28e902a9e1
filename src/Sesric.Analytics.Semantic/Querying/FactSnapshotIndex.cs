using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// What <see cref="InMemoryEvaluator"/> derives from one <see cref="FactSnapshot"/> and reuses on every query until the next
/// write replaces the snapshot: each column it groups or filters by coded as small integers, the persons, record keys and
/// states as plain arrays, and each condition's truth per row. Built lazily, one column or condition at a time.
/// </summary>
/// <remarks>A snapshot is immutable and read once per write, so everything here is computed once per write rather than
/// once per query (before, each query boxed, hashed and tested every fact row afresh). Held weakly by the snapshot: when
/// the store drops a snapshot its index goes with it.</remarks>
/// <threadsafety>Safe to share: every part is immutable once built; two threads may build the same part, and one wins.</threadsafety>
internal sealed class FactSnapshotIndex
{
    private static readonly ConditionalWeakTable<FactSnapshot, FactSnapshotIndex> Indexes = new();

    private readonly FactSnapshot _facts;
    private readonly ConcurrentDictionary<string, CodedColumn> _coded = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool[]> _flags = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Component, bool[]?> _conditions = new(ReferenceEqualityComparer.Instance);
    private readonly Lazy<CodedColumn> _persons;
    private readonly Lazy<RecordKeyColumn> _recordKeys;
    private readonly Lazy<StateColumn> _states;

    private FactSnapshotIndex(FactSnapshot facts)
    {
        _facts = facts;
        _persons = new(() => Coded("participant_key"));
        _recordKeys = new(() => RecordKeyColumn.Of(Required("record_key")));
        _states = new(() => StateColumn.Of(Required("iso3")));
    }

    /// <summary>The index of <paramref name="facts"/>, built on first use.</summary>
    public static FactSnapshotIndex Of(FactSnapshot facts) => Indexes.GetValue(facts, f => new FactSnapshotIndex(f));

    /// <summary>The number of rows.</summary>
    public int RowCount => _facts.RowCount;

    /// <summary>The persons (<c>participant_key</c>) coded, a missing key being one code of its own as GROUP BY makes it.</summary>
    public CodedColumn Persons => _persons.Value;

    /// <summary>The record keys (<c>record_key</c>).</summary>
    public RecordKeyColumn RecordKeys => _recordKeys.Value;

    /// <summary>The member states (<c>iso3</c>) coded in ordinal order.</summary>
    public StateColumn States => _states.Value;

    /// <summary>A column's values coded by first appearance (see <see cref="CodedColumn"/>).</summary>
    public CodedColumn Coded(string column) => _coded.GetOrAdd(column, static (name, self) => CodedColumn.Of(self.Required(name)), this);

    /// <summary>Whether each row's value of a flag column is true.</summary>
    public bool[] Flags(string column) => _flags.GetOrAdd(column, static (name, self) => [.. self.Required(name).Select(v => v is true)], this);

    /// <summary>
    /// Whether each row meets <paramref name="component"/>'s condition, by the row test <paramref name="test"/> makes; null
    /// when the test declines this snapshot (a column of another type than the condition's form needs).
    /// </summary>
    public bool[]? Condition(Component component, Func<FactSnapshot, Func<int, bool>?> test) =>
        _conditions.GetOrAdd(component, static (_, state) => Meets(state.Facts, state.Test), (Facts: _facts, Test: test));

    private static bool[]? Meets(FactSnapshot facts, Func<FactSnapshot, Func<int, bool>?> test)
    {
        if (test(facts) is not { } rowTest)
        {
            return null;
        }
        var meets = new bool[facts.RowCount];
        for (var i = 0; i < meets.Length; i++)
        {
            meets[i] = rowTest(i);
        }
        return meets;
    }

    private object?[] Required(string column) =>
        _facts.Column(column) ?? throw new InvalidOperationException($"the fact table has no column {column}.");

    /// <summary>
    /// A column's distinct values numbered 0, 1, … in order of first appearance (a missing value is one of them, as GROUP BY
    /// groups missing values together), and each row's number. Values keep the objects the snapshot holds.
    /// </summary>
    internal sealed class CodedColumn
    {
        private CodedColumn(int[] codes, object?[] values)
        {
            Codes = codes;
            Values = values;
        }

        /// <summary>Each row's code.</summary>
        public int[] Codes { get; }

        /// <summary>The value of each code.</summary>
        public object?[] Values { get; }

        public static CodedColumn Of(object?[] rows)
        {
            var codes = new int[rows.Length];
            var byValue = new Dictionary<object, int>();
            var values = new List<object?>();
            var nullCode = -1;
            for (var i = 0; i < rows.Length; i++)
            {
                int code;
                if (rows[i] is not { } value)
                {
                    if (nullCode < 0)
                    {
                        nullCode = values.Count;
                        values.Add(null);
                    }
                    code = nullCode;
                }
                else if (!byValue.TryGetValue(value, out code))
                {
                    code = values.Count;
                    byValue[value] = code;
                    values.Add(value);
                }
                codes[i] = code;
            }
            return new CodedColumn(codes, [.. values]);
        }
    }

    /// <summary>Each row's record key, and whether it has one.</summary>
    internal sealed record RecordKeyColumn(long[] Keys, bool[] HasKey)
    {
        public static RecordKeyColumn Of(object?[] rows)
        {
            var keys = new long[rows.Length];
            var has = new bool[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                if (rows[i] is long key)
                {
                    keys[i] = key;
                    has[i] = true;
                }
            }
            return new RecordKeyColumn(keys, has);
        }
    }

    /// <summary>
    /// Each row's member state as a code in ordinal order of the codes (so the greatest code is the greatest state, as
    /// SQL's MAX over text compares), -1 where the row has none; <see cref="Count"/> codes in all.
    /// </summary>
    internal sealed record StateColumn(int[] Codes, int Count)
    {
        public static StateColumn Of(object?[] rows)
        {
            var states = rows.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var codeOf = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < states.Length; i++)
            {
                codeOf[states[i]] = i;
            }
            var codes = new int[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                codes[i] = rows[i] is string state ? codeOf[state] : -1;
            }
            return new StateColumn(codes, states.Length);
        }
    }
}
