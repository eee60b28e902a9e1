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
/// <remarks>At most <see cref="QueryRunnerOptions.MaxConcurrentQueries"/> queries run in the database at once; others wait,
/// within their deadline. Bounded by <see cref="QueryRunnerOptions.CacheEntries"/>: when full, the cache is emptied
/// (dashboards ask a small set of questions, so a simple bound beats bookkeeping). A cached result keeps
/// the metadata (elapsed time) of the run that computed it.</remarks>
/// <threadsafety>Safe to share.</threadsafety>
public sealed class CachingStatisticsEngine(SemanticStatisticsEngine inner, DataVersion version, QueryRunnerOptions options) : IStatisticsEngine, IDisposable
{
    private readonly ConcurrentDictionary<SemanticQuery, (long Version, ResultTable Table)> _results = new();

    // Database queries beyond this many wait their turn (honouring the call's deadline) instead of all
    // competing for the cores and memory at once, which made every one of 64 concurrent 1M-row queries fail.
    private readonly SemaphoreSlim _gate = new(Math.Max(1, options.MaxConcurrentQueries));

    /// <inheritdoc/>
    public SemanticModel Model => inner.Model;

    /// <inheritdoc/>
    public async Task<ResultTable> ExecuteAsync(SemanticQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var capacity = options.CacheEntries;
        if (capacity <= 0)
        {
            return await RunGatedAsync(query, ct);
        }
        var current = version.Current;
        if (_results.TryGetValue(query, out var cached) && cached.Version == current)
        {
            SesricTelemetry.CacheHits.Add(1);
            return cached.Table;
        }
        SesricTelemetry.CacheMisses.Add(1);
        var table = await RunGatedAsync(query, ct);
        if (_results.Count >= capacity)
        {
            _results.Clear();
        }
        _results[query] = (current, table);
        return table;
    }

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();

    private async Task<ResultTable> RunGatedAsync(SemanticQuery query, CancellationToken cancellationToken)
    {
        await _gate.WaitMeasuredAsync(cancellationToken);
        try
        {
            return await inner.ExecuteAsync(query, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }
}
