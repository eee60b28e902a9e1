namespace Sesric.Analytics.Storage;

/// <summary>One participations import that changed something, as a store's import journal keeps it.</summary>
/// <param name="Id">The import's number in this store: 1, 2, … in the order imports committed.</param>
/// <param name="Source">What was imported (a file name, "built-in dataset"), when the importer said.</param>
/// <param name="RequestId">The import's idempotency key, if it had one.</param>
/// <param name="ImportedAt">When it committed (UTC).</param>
/// <param name="Participations">Participations it inserted and updated (unchanged ones are not counted).</param>
/// <param name="Participants">Participants it inserted and updated.</param>
/// <param name="UndoneAt">When it was undone (UTC), or null while its rows are in the store.</param>
public sealed record ImportRecord(
    long Id, string? Source, string? RequestId, DateTime ImportedAt, WriteOutcome Participations, WriteOutcome Participants, DateTime? UndoneAt)
{
    /// <summary>True once the import has been undone.</summary>
    public bool IsUndone => UndoneAt is not null;
}
