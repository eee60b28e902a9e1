namespace Sesric.Analytics.Storage;

/// <summary>
/// A store that keeps, for each participations import, what it inserted and the values it replaced, so that one
/// import can be listed and undone.
/// </summary>
/// <remarks>
/// Undoing restores the participant and participation rows the import touched to what they were before it, and
/// rewrites everything derived from them, in one transaction: afterwards every statistic equals the statistic
/// before the import. An import cannot be undone while a later, still-applied import changed one of the same
/// participants (undo the later one first), because restoring the earlier values would silently lose the later ones.
/// </remarks>
public interface IImportJournal
{
    /// <summary>Every journalled import, oldest first, including undone ones.</summary>
    Task<IReadOnlyList<ImportRecord>> ListImportsAsync(CancellationToken cancellationToken = default);

    /// <summary>Undoes import <paramref name="importId"/>; returns its record as it now stands.</summary>
    /// <exception cref="ImportJournalException">No such import, it was already undone, or a later import depends on it.</exception>
    Task<ImportRecord> UndoImportAsync(long importId, CancellationToken cancellationToken = default);
}
