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
/// <remarks>The engine sees the store through <see cref="GatedStore"/>: at most <see cref="QueryRunnerOptions.MaxConcurrentQueries"/>
/// SQL statements run in the database at once, and others wait their turn within their deadline (64 concurrent 1M-row
/// queries all competing for the cores and memory made every one fail). Queries answered in memory take no turn.</remarks>
/// <threadsafety>Safe to share; the engine and store are.</threadsafety>
public sealed class SemanticStatisticsEngine(ICurrentStore current, SemanticModel model, QueryRunnerOptions? options = null) : IStatisticsEngine, IDisposable
{
    private readonly QueryRunnerOptions _options = options ?? new QueryRunnerOptions();
    private readonly SemaphoreSlim _gate = new(Math.Max(1, (options ?? new QueryRunnerOptions()).MaxConcurrentQueries));
    private (IAnalyticsStore Store, QueryEngine Engine)? _current;

    /// <inheritdoc/>
    public SemanticModel Model => model;

    /// <inheritdoc/>
    public Task<ResultTable> ExecuteAsync(SemanticQuery query, CancellationToken ct = default) => Engine().ExecuteAsync(query, ct);

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();

    private QueryEngine Engine()
    {
        var store = current.Store;
        var engine = _current;
        if (engine is { } c && ReferenceEquals(c.Store, store))
        {
            return c.Engine;
        }
        var fresh = new QueryEngine(new GatedStore(store, _gate), model, Math.Max(0, _options.InMemoryFactRows));
        _current = (store, fresh);
        return fresh;
    }
}
