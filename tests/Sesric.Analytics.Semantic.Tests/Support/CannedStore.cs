using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Semantic.Tests.Support;

/// <summary>
/// A store that answers every query with fixed rows and records the statements it was given: for
/// compiler tests and for the engine's post-processing (disclosure, time intelligence) on rows whose
/// values the test chooses. Real-database tests use the DuckDB store.
/// </summary>
internal sealed class CannedStore(SqlRows? rows = null, string engine = "canned") : IAnalyticsStore
{
    public List<SqlStatement> Statements { get; } = [];

    public StoreDescription Description => new(engine, "memory", 0);

    public Task<SqlRows> QueryAsync(SqlStatement statement, CancellationToken cancellationToken = default)
    {
        Statements.Add(statement);
        return Task.FromResult(rows ?? throw new InvalidOperationException("this canned store has no rows"));
    }

    public Task<Catalogue> LoadCatalogueAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<WriteOutcome> UpsertProgrammesAsync(IReadOnlyCollection<Programme> programmes, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<WriteOutcome> UpsertCountriesAsync(IReadOnlyCollection<Country> countries, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<WriteOutcome> UpsertEditionsAsync(IReadOnlyCollection<Edition> editions, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ImportOutcome> ImportParticipationsAsync(IEnumerable<Participation> rows, ImportRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IAsyncEnumerable<Participation> ReadParticipationsAsync(Catalogue catalogue, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<EditionStatistics>> GetEditionStatisticsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<long> CountParticipationsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
