using Sesric.Analytics.Model;

namespace Sesric.Analytics.Import;

/// <summary>
/// One row of a participations file with a valid participant id, as a store stages it to check the rows against
/// each other itself (see <see cref="ParticipationCsvLines"/>): the participation when the row passed every check of
/// its own, and, valid or not, the keys the checks between rows compare.
/// </summary>
/// <param name="Line">The row's line in the file.</param>
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
    string? GenderCell);
