using Sesric.Analytics.Model;

namespace Sesric.Analytics.Import;

/// <summary>What <see cref="ParticipationValidator.Check"/> found: the participation, or the problems.</summary>
/// <remarks><see cref="Problems"/> is the validator's own list, reused for the next row (no allocation per row):
/// read or copy it before checking the next row.</remarks>
/// <param name="Participation">The participation when every field was present and valid, else null.</param>
/// <param name="Problems">The problems found, in the order found; empty when valid.</param>
public readonly record struct ParticipationCheck(Participation? Participation, IReadOnlyList<ParticipationProblem> Problems);
