using Sesric.Analytics.Application.Data;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Semantic;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Application.Statistics;

/// <summary>
/// The semantic engine (<see cref="QueryEngine"/>) over the application's current store. One engine is built per opened
/// store (the store is replaced when it is reopened after a fault), over the service's model (the built-in one plus
/// <c>Sesric:ModelPath</c>'s measures).
/// </summary>
/// <threadsafety>Safe to share; the engine and store are.</threadsafety>
public sealed class SemanticStatisticsEngine(ICurrentStore current, SemanticModel model, QueryRunnerOptions? options = null) : IStatisticsEngine
{
    private (IAnalyticsStore Store, QueryEngine Engine)? _current;

    /// <inheritdoc/>
    public SemanticModel Model => model;

    /// <inheritdoc/>
    public Task<ResultTable> ExecuteAsync(SemanticQuery query, CancellationToken ct = default) => Engine().ExecuteAsync(query, ct);

    private QueryEngine Engine()
    {
        var store = current.Store;
        var engine = _current;
        if (engine is { } c && ReferenceEquals(c.Store, store))
        {
            return c.Engine;
        }
        var fresh = new QueryEngine(store, model, Math.Max(0, (options ?? new QueryRunnerOptions()).InMemoryFactRows));
        _current = (store, fresh);
        return fresh;
    }
}
