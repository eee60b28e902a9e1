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
        if (Interlocked.Increment(ref _count) > capacity)
        {
            _plans.Clear();
            Interlocked.Exchange(ref _count, 1);
        }
        _plans[key] = plan;
        return plan;
    }

    private readonly record struct Key(SemanticQuery Query, bool ProbeScope, bool ShareKeys);
}
