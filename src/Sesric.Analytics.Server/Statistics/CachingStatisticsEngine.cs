using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Server.Configuration;
using Sesric.Analytics.Server.Hosting;

namespace Sesric.Analytics.Server.Statistics;

/// <summary>
/// Keeps recent statistics results in memory, keyed by the whole request (measures, dimensions, filter,
/// order, policy, page), and serves a repeat from memory while no write has happened since
/// (<see cref="StoreHost.DataVersion"/>). Results are immutable, so sharing them is safe.
/// </summary>
/// <remarks>Bounded by <see cref="ServerOptions.QueryCacheEntries"/>: when full, the cache is emptied
/// (dashboards ask a small set of questions, so a simple bound beats bookkeeping). A cached result keeps
/// the metadata (elapsed time) of the run that computed it.</remarks>
/// <threadsafety>Safe to share.</threadsafety>
public sealed class CachingStatisticsEngine(SemanticStatisticsEngine inner, StoreHost host, IOptions<ServerOptions> options) : IStatisticsEngine
{
    private readonly ConcurrentDictionary<string, (long Version, ResultTable Table)> _results = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public async Task<ResultTable> RunAsync(StatisticsRequest request, CancellationToken cancellationToken)
    {
        var capacity = options.Value.QueryCacheEntries;
        if (capacity <= 0)
        {
            return await inner.RunAsync(request, cancellationToken);
        }
        var key = Key(request);
        var version = host.DataVersion;
        if (_results.TryGetValue(key, out var cached) && cached.Version == version)
        {
            return cached.Table;
        }
        var table = await inner.RunAsync(request, cancellationToken);
        if (_results.Count >= capacity)
        {
            _results.Clear();
        }
        _results[key] = (version, table);
        return table;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<(ProgrammeId Programme, int Year, CountryCode Country)>> RepresentedMemberStatesAsync(
        ProgrammeId? programme, int? year, CancellationToken cancellationToken) =>
        inner.RepresentedMemberStatesAsync(programme, year, cancellationToken);

    private static string Key(StatisticsRequest r) => string.Join(
        '\u001f',
        string.Join('\u001e', r.Measures),
        string.Join('\u001e', r.Dimensions),
        r.Filter,
        r.OrderBy,
        r.Internal ? "internal" : "public",
        r.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all",
        r.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
