using System.Collections.Concurrent;

using Sesric.Analytics.Application.Data;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Semantic;
using Sesric.Analytics.Telemetry;

namespace Sesric.Analytics.Application.Statistics;

/// <summary>
/// Keeps recent statistics results in memory, keyed by the whole query (its value equality: measures, dimensions,
/// filter however spelled, order, policy, page), and serves a repeat from memory while no write has happened since
/// (<see cref="DataVersion"/>). Results are immutable, so sharing them is safe.
/// </summary>
/// <remarks>The store's concurrency gate is the inner engine's (<see cref="GatedStore"/>): it guards SQL statements, so a miss
/// answered in memory does not queue behind database work. Bounded by <see cref="QueryRunnerOptions.CacheEntries"/>: when full, the cache is emptied
/// (dashboards ask a small set of questions, so a simple bound beats bookkeeping). A cached result keeps
/// the metadata (elapsed time) of the run that computed it.</remarks>
/// <threadsafety>Safe to share.</threadsafety>
public sealed class CachingStatisticsEngine(SemanticStatisticsEngine inner, DataVersion version, QueryRunnerOptions options) : IStatisticsEngine
{
    private readonly ConcurrentDictionary<SemanticQuery, (long Version, ResultTable Table)> _results = new();

    /// <inheritdoc/>
    public SemanticModel Model => inner.Model;

    /// <inheritdoc/>
    public Task<ResultTable> ExecuteAsync(SemanticQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (options.CacheEntries <= 0)
        {
            return inner.ExecuteAsync(query, ct);
        }
        var current = version.Current;
        if (_results.TryGetValue(query, out var cached) && cached.Version == current)
        {
            SesricTelemetry.CacheHits.Add(1);
            return Task.FromResult(cached.Table);
        }
        SesricTelemetry.CacheMisses.Add(1);
        return RunAndKeepAsync(query, current, ct);
    }

    private async Task<ResultTable> RunAndKeepAsync(SemanticQuery query, long current, CancellationToken ct)
    {
        var table = await inner.ExecuteAsync(query, ct);
        if (_results.Count >= options.CacheEntries)
        {
            _results.Clear();
        }
        _results[query] = (current, table);
        return table;
    }
}
