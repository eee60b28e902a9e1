using Sesric.Analytics.Model;

namespace Sesric.Analytics.Import;

/// <summary>What <see cref="ParticipationValidator.Check"/> found: the participation, or the problems.</summary>
/// <param name="Participation">The participation when every field was present and valid, else null.</param>
/// <param name="Problems">The problems found, in the order found; empty when valid.</param>
public readonly record struct ParticipationCheck(Participation? Participation, IReadOnlyList<ParticipationProblem> Problems);
