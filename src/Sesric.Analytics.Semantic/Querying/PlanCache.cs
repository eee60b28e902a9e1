using System.Collections.Concurrent;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// The engine's recently resolved plans (<see cref="QueryPlan.Resolve(SemanticQuery, SemanticModel, bool, bool)"/>), keyed
/// by the query's value equality and the two choices Resolve takes besides it (probing the scope, the share's keys), so a
/// repeated question is checked against the model once rather than on every call.
/// </summary>
/// <remarks>
/// <para>Safe to reuse because a plan depends on nothing else: Resolve reads the query and the model only (no data, no
/// clock), the model is fixed for the engine's life (a changed model is a new engine, and so a new cache), and a plan is
/// immutable. A write to the store therefore never makes a plan stale; what a plan's rows are is computed afresh each
/// call. Queries that fail to resolve are not kept (their error is raised again, naming the caller's own filter text).</para>
/// <para>Bounded: when full it is emptied (a dashboard asks a small set of questions, so a simple bound beats bookkeeping),
/// as the result cache is.</para>
/// </remarks>
/// <threadsafety>Safe to share.</threadsafety>
internal sealed class PlanCache(SemanticModel model, int capacity = PlanCache.DefaultCapacity)
{
    /// <summary>The most plans kept.</summary>
    public const int DefaultCapacity = 512;

    private readonly ConcurrentDictionary<Key, QueryPlan> _plans = new();
    private int _count;

    /// <summary>The plan of <paramref name="query"/> under the engine's model (see <see cref="QueryPlan.Resolve(SemanticQuery, SemanticModel, bool, bool)"/>).</summary>
    public QueryPlan Resolve(SemanticQuery query, bool probeScope, bool shareKeys)
    {
        ArgumentNullException.ThrowIfNull(query);
        var key = new Key(query, probeScope, shareKeys);
        if (_plans.TryGetValue(key, out var known))
        {
            return known;
        }
        var plan = QueryPlan.Resolve(query, model, probeScope, shareKeys);
        if (Volatile.Read(ref _count) >= capacity)
        {
            _plans.Clear();
            Interlocked.Exchange(ref _count, 0);
        }
        if (_plans.TryAdd(key, plan))
        {
            Interlocked.Increment(ref _count);
        }
        return plan;
    }

    /// <summary>The plans held now (for tests).</summary>
    internal int Count => _plans.Count;

    /// <summary>The cache's key, hashing the query once however many times the dictionary asks (a miss asks twice).</summary>
    private readonly struct Key(SemanticQuery query, bool probeScope, bool shareKeys) : IEquatable<Key>
    {
        private readonly SemanticQuery _query = query;
        private readonly bool _probeScope = probeScope;
        private readonly bool _shareKeys = shareKeys;
        private readonly int _hash = HashCode.Combine(query, probeScope, shareKeys);

        public bool Equals(Key other) =>
            _hash == other._hash && _probeScope == other._probeScope && _shareKeys == other._shareKeys && _query.Equals(other._query);

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode() => _hash;
    }
}
