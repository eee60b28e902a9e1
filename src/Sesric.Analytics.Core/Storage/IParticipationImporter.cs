using Sesric.Analytics.Model;

namespace Sesric.Analytics.Storage;

/// <summary>A store as the destination of participations imports (the registry: who took part in which edition).</summary>
/// <remarks>Implementations are safe to call from several threads at once; imports run one at a time.</remarks>
public interface IParticipationImporter
{
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
}
