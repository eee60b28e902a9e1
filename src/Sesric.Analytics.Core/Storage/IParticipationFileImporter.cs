using Sesric.Analytics.Import;

namespace Sesric.Analytics.Storage;

/// <summary>
/// A store that imports a participations file checking its rows against each other itself, set-based, so that the
/// reader keeps nothing per row or per person (<see cref="ParticipationCsvLines"/>); same outcome, problems and
/// guarantees as <see cref="IParticipationImporter.ImportParticipationsAsync"/> over <see cref="ParticipationCsv.Read"/>.
/// </summary>
public interface IParticipationFileImporter
{
    /// <summary>
    /// Imports the participations of <paramref name="file"/> in one transaction; a file with bad rows throws
    /// <see cref="ImportRejectedException"/> listing every problem (as <see cref="ParticipationCsv.Read"/> words and
    /// orders them) and writes nothing.
    /// </summary>
    Task<ImportOutcome> ImportParticipationsAsync(ParticipationCsvLines file, ImportRequest request, CancellationToken cancellationToken = default);
}
