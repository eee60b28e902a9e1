namespace Sesric.Analytics.Storage;

/// <summary>What a participations import did.</summary>
/// <param name="Participations">Participations inserted, updated or unchanged, by (participant, edition).</param>
/// <param name="Participants">Participants inserted, updated or unchanged, by id.</param>
/// <param name="WasReplay">True when the request id had been seen: nothing was written this time.</param>
public sealed record ImportOutcome(WriteOutcome Participations, WriteOutcome Participants, bool WasReplay = false)
{
    /// <summary>True when the import changed nothing (a repeat of an earlier import).</summary>
    public bool WasNoOp => WasReplay || (Participations.WasNoOp && Participants.WasNoOp);

    /// <summary>The import's number in the store's journal (see <see cref="IImportJournal"/>), when it changed something and the store keeps one.</summary>
    public long? ImportId { get; init; }
}
