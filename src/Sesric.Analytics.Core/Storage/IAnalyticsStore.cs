using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Storage;

/// <summary>
/// Where participation data lives. The embedded default is DuckDB (one file); a PostgreSQL
/// implementation serves deployments with several replicas. Implementations speak portable SQL and
/// expose only the project's own types: no driver type crosses this interface.
/// </summary>
/// <remarks>
/// Every write is one transaction: it lands whole or not at all. Aggregations run in the database.
/// Implementations are safe to call from several threads at once.
/// </remarks>
public interface IAnalyticsStore : IAsyncDisposable
{
    /// <summary>What this store is: engine, location and schema version.</summary>
    StoreDescription Description { get; }

    /// <summary>Loads programmes, editions and countries (small tables) into a <see cref="Catalogue"/>.</summary>
    Task<Catalogue> LoadCatalogueAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces programmes by id, in one transaction.</summary>
    Task<WriteOutcome> UpsertProgrammesAsync(IReadOnlyCollection<Programme> programmes, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces member and observer states (with their suspensions) by code, in one transaction.</summary>
    Task<WriteOutcome> UpsertCountriesAsync(IReadOnlyCollection<Country> countries, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces editions by (programme, number), in one transaction. Their programmes must exist.</summary>
    Task<WriteOutcome> UpsertEditionsAsync(IReadOnlyCollection<Edition> editions, CancellationToken cancellationToken = default);

    /// <summary>
    /// Imports participations (and their participants) in one transaction, keyed by
    /// (participant, edition): importing the same rows twice leaves the store as after once.
    /// </summary>
    /// <remarks>
    /// <paramref name="rows"/> is enumerated once, streaming. If enumerating it throws (a validator that
    /// found bad rows throws <see cref="Import.ImportRejectedException"/> after the last row), or the call is
    /// cancelled, nothing is written and the exception propagates. With a <see cref="ImportRequest.RequestId"/>
    /// already seen, nothing is written: when the rows are the same (in order) as the first call's, its outcome is returned
    /// with <see cref="ImportOutcome.WasReplay"/> set; when they differ, <see cref="ImportRequestConflictException"/> is thrown.
    /// </remarks>
    Task<ImportOutcome> ImportParticipationsAsync(IEnumerable<Participation> rows, ImportRequest request, CancellationToken cancellationToken = default);

    /// <summary>Streams every participation in a stable order (programme, edition, participant).</summary>
    IAsyncEnumerable<Participation> ReadParticipationsAsync(Catalogue catalogue, CancellationToken cancellationToken = default);

    /// <summary>Per edition: registry counts beside the published totals, computed in SQL.</summary>
    Task<IReadOnlyList<EditionStatistics>> GetEditionStatisticsAsync(CancellationToken cancellationToken = default);

    /// <summary>Runs a read-only parameterised statement (from the semantic engine) and returns its rows.</summary>
    Task<SqlRows> QueryAsync(SqlStatement statement, CancellationToken cancellationToken = default);

    /// <summary>Counts participations, to tell an empty store from a seeded one.</summary>
    Task<long> CountParticipationsAsync(CancellationToken cancellationToken = default);
}
