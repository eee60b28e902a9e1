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
    private readonly ConcurrentDictionary<QueryKey, (long Version, ResultTable Table)> _results = new();

    // Entries added since the cache was last emptied (ConcurrentDictionary.Count takes every lock of the table).
    private int _count;

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
        var key = new QueryKey(query);
        if (_results.TryGetValue(key, out var cached) && cached.Version == current)
        {
            SesricTelemetry.CacheHits.Add(1);
            return Task.FromResult(cached.Table);
        }
        SesricTelemetry.CacheMisses.Add(1);
        return RunAndKeepAsync(key, current, ct);
    }

    private async Task<ResultTable> RunAndKeepAsync(QueryKey key, long current, CancellationToken ct)
    {
        var table = await inner.ExecuteAsync(key.Query, ct);
        if (Volatile.Read(ref _count) >= options.CacheEntries)
        {
            _results.Clear();
            Interlocked.Exchange(ref _count, 0);
        }
        if (_results.TryAdd(key, (current, table)))
        {
            Interlocked.Increment(ref _count);
        }
        else
        {
            // The same query at an older version (a write since): replaced, not one more entry.
            _results[key] = (current, table);
        }
        return table;
    }

    /// <summary>A query as the cache's key, hashed once (a miss looks it up and then stores it).</summary>
    private readonly struct QueryKey(SemanticQuery query) : IEquatable<QueryKey>
    {
        private readonly int _hash = query.GetHashCode();

        public SemanticQuery Query { get; } = query;

        public bool Equals(QueryKey other) => _hash == other._hash && Query.Equals(other.Query);

        public override bool Equals(object? obj) => obj is QueryKey other && Equals(other);

        public override int GetHashCode() => _hash;
    }
}
