using Sesric.Analytics.Model;

namespace Sesric.Analytics.Storage;

/// <summary>A store as a writer of its reference data: programmes, member and observer states, editions.</summary>
/// <remarks>Every write is one transaction, keyed by natural key: it lands whole or not at all, and writing the same
/// rows twice leaves the store as after once. Implementations are safe to call from several threads at once.</remarks>
public interface IReferenceDataWriter
{
    /// <summary>Adds or replaces programmes by id, in one transaction.</summary>
    Task<WriteOutcome> UpsertProgrammesAsync(IReadOnlyCollection<Programme> programmes, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces member and observer states (with their suspensions) by code, in one transaction.</summary>
    Task<WriteOutcome> UpsertCountriesAsync(IReadOnlyCollection<Country> countries, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces editions by (programme, number), in one transaction. Their programmes must exist.</summary>
    Task<WriteOutcome> UpsertEditionsAsync(IReadOnlyCollection<Edition> editions, CancellationToken cancellationToken = default);
}
