using Sesric.Analytics.Model;

namespace Sesric.Analytics.Import;

/// <summary>
/// One row of a participations file with a valid participant id, as a store stages it to check the rows against
/// each other itself (see <see cref="ParticipationCsvLines"/>): the participation when the row passed every check of
/// its own, and, valid or not, the keys the checks between rows compare.
/// </summary>
/// <param name="Line">The row's line in the file; 0 for a row given without a file (see <see cref="Of"/>).</param>
/// <param name="Participation">The participation, or null when the row has problems of its own (then the import fails).</param>
/// <param name="ParticipantId">The participant.</param>
/// <param name="Country">The row's member state, when the catalogue knows it.</param>
/// <param name="Gender">The row's gender, when its cell names one.</param>
/// <param name="Edition">The row's edition, when the catalogue has it.</param>
/// <param name="CountryCell">The country cell as the file gives it (trimmed), or null when it reads as <paramref name="Country"/>.</param>
/// <param name="GenderCell">The gender cell as the file gives it, or null when it reads as the code of <paramref name="Gender"/>.</param>
public readonly record struct ParticipationLine(
    long Line,
    Participation? Participation,
    ParticipantId ParticipantId,
    CountryCode? Country,
    Gender? Gender,
    EditionId? Edition,
    string? CountryCell,
    string? GenderCell)
{
    /// <summary>
    /// A participation given without a file (a batch of rows, as gRPC sends them), as a line: line 0, its keys read from
    /// it, and no cells to quote. So a store stages rows and a file's lines one way.
    /// </summary>
    public static ParticipationLine Of(Participation row) =>
        new(0, row, row.Participant.Id, row.Participant.Country, row.Participant.Gender, row.Edition, null, null);
}
