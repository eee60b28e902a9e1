using Sesric.Analytics.Model;

namespace Sesric.Analytics.Storage;

/// <summary>A store as a reader of the participant registry, row by row.</summary>
/// <remarks>Implementations are safe to call from several threads at once.</remarks>
public interface IParticipationReader
{
    /// <summary>Streams every participation in a stable order (programme, edition, participant).</summary>
    IAsyncEnumerable<Participation> ReadParticipationsAsync(Catalogue catalogue, CancellationToken cancellationToken = default);

    /// <summary>Counts participations, to tell an empty store from a seeded one.</summary>
    Task<long> CountParticipationsAsync(CancellationToken cancellationToken = default);
}
